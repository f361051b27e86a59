using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Models;

/// <summary>Turns a prompt into output text; <see cref="Info"/> is what the run record says was evaluated.</summary>
public interface IModel
{
    /// <summary>Provider, name, version and every decoding parameter sent to the model.</summary>
    ModelInfo Info { get; }

    /// <summary>True when the same prompt always gives the same output, so a verifier can reproduce a record bit for bit.</summary>
    bool IsDeterministic => false;

    Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default);
}
