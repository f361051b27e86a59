using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// The cheap checks every answer gets inside the timed loop: accepted, for the record sent, a new leaf,
/// and carrying a checkpoint with an inclusion proof. The full proof check runs on a sample afterwards.
/// </summary>
public static class ResponseCheck
{
    public static bool Accept(BenchRecord sent, Submission answer, ErrorTally errors)
    {
        if (answer.Status != 200 || answer.Error is not null)
            errors.Add($"{answer.Status} {answer.Error ?? "error"}", answer.Detail ?? "");
        else if (answer.RecordId != sent.Id)
            errors.Add("wrong_record_id", $"sent {sent.Id}, the gateway answered for {answer.RecordId}");
        else if (answer.Duplicate)
            errors.Add("duplicate", $"{sent.Id} was already in the log (bench records are distinct)");
        else if (answer.Checkpoint is null || answer.Index < 0)
            errors.Add("no_proof", $"{sent.Id}: the 200 carries no checkpoint or index");
        else
            return true;
        return false;
    }
}
