namespace LedgerCluster.Core.Export;

/// <summary>The training-data shapes of FORMATS.md section 8.</summary>
public enum ExportFormat
{
    /// <summary>OpenAI chat JSONL: `messages` with a user and an assistant turn, from passed results.</summary>
    Sft,

    /// <summary>TRL preference JSONL: `prompt`, `chosen` (a passed output), `rejected` (a failed output of the same task).</summary>
    Dpo,

    /// <summary>ShareGPT JSONL: `conversations` with a human and a gpt turn, from passed results.</summary>
    ShareGpt,
}
