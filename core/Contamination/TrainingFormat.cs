namespace LedgerCluster.Core.Contamination;

public enum TrainingFormat
{
    /// <summary>JSON Lines when the file is named *.jsonl/*.ndjson or its first non-blank line is a JSON object, else plain text.</summary>
    Auto,

    /// <summary>One JSON value per line; every string value in it is training text (`text`, `messages[].content`, ...).</summary>
    JsonLines,

    /// <summary>Plain text; paragraphs (separated by blank lines) are documents, so a question wrapped over lines still matches.</summary>
    PlainText,
}
