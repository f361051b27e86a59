using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`ledger submit` of a file over the gateway's record limit (64 MiB by default) reports the gateway's 413, single or batched, and exits 2.</summary>
public sealed class SubmitLimitTests
{
    [Fact]
    public async Task Submit_of_a_300_MB_file_reports_the_413_not_an_unreachable_gateway()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        var big = dir.File("big.json");
        // Sparse: 300 MB on paper, no disk used.
        await using (var file = File.Create(big)) file.SetLength(300L * 1000 * 1000);

        var submit = await Ledger("submit", big, "--gateway", node.Url);
        Assert.True(submit.Code == 2, $"exit {submit.Code}; out: {submit.Out}; err: {submit.Err}");
        Assert.Contains("REFUSED 413 too_large", submit.Out, StringComparison.Ordinal);
        Assert.Contains("67108864", submit.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", submit.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_submit_refuses_only_the_file_over_the_limit()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        using var key = Ed25519KeyPair.Generate();
        var good = dir.File("a-good.json");
        // A byte order mark is the file's encoding, not part of the record: submit sends the JSON without it.
        await File.WriteAllBytesAsync(good, "\uFEFF"u8.ToArray().Concat(TestRecords.Bytes(TestRecords.Make(key, 5))).ToArray());
        var big = dir.File("b-big.json");
        // Sparse, one byte over the default 64 MiB limit: a line of NULs only its size can refuse.
        await using (var file = File.Create(big)) file.SetLength(64L * 1024 * 1024 + 1);

        var submit = await Ledger("submit", good, big, "--batch", "--gateway", node.Url);
        Assert.True(submit.Code == 2, $"exit {submit.Code}; out: {submit.Out}; err: {submit.Err}");
        Assert.Contains($"{good}: ", submit.Out, StringComparison.Ordinal);
        Assert.Contains("-> shard", submit.Out, StringComparison.Ordinal);
        Assert.Contains($"{big}: REFUSED 413 too_large", submit.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
    }
}
