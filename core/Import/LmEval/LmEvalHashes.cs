using System.Text;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.LmEval;

/// <summary>
/// lm-eval's own per-row hashes (<c>lm_eval/utils.py</c> <c>hash_string</c> = SHA-256 hex of the UTF-8 text) and the
/// per-task hash written to the results file (<c>evaluation_tracker.py</c>): recomputed here to check the files.
/// </summary>
public static class LmEvalHashes
{
    /// <summary><c>doc_hash</c>: of <c>json.dumps(doc, indent=2, ensure_ascii=False)</c>.</summary>
    public static string Doc(JValue doc) => ContentHash.Sha256Hex(PythonIndentedJson.Format(doc));

    /// <summary><c>prompt_hash</c>: of the first request's first argument (the prompt as sent).</summary>
    public static string Prompt(string firstArgument) => ContentHash.Sha256Hex(firstArgument);

    /// <summary><c>target_hash</c>: of <c>str(target)</c>; the samples file already holds the target as that string.</summary>
    public static string Target(string target) => ContentHash.Sha256Hex(target);

    /// <summary><c>task_hashes[task]</c>: SHA-256 of the concatenated doc+prompt+target hex digests of every logged row, in file order.</summary>
    public static string Task(IEnumerable<(string Doc, string Prompt, string Target)> rows)
    {
        var sb = new StringBuilder();
        foreach (var (doc, prompt, target) in rows) sb.Append(doc).Append(prompt).Append(target);
        return ContentHash.Sha256Hex(sb.ToString());
    }
}
