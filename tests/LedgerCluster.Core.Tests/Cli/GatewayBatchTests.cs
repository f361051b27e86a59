using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>The batch endpoint's streamed NDJSON answer: one result per line, in order, refusals in place.</summary>
public sealed class GatewayBatchTests
{
    [Fact]
    public async Task A_batch_answers_every_line_in_order_with_refusals_and_duplicates_in_place()
    {
        await using var node = await EmbeddedNode.StartAsync(2, CancellationToken.None);
        using var client = new LedgerGatewayClient(node.Url);
        var records = RecordGenerator.Generate(3, 1, "batch-test");
        var broken = "{\"body\": 1}"u8.ToArray();
        var answers = await client.SubmitBatchAsync([records[0].Json, broken, records[1].Json, records[0].Json, records[2].Json]);

        Assert.Equal(5, answers.Count);
        Assert.Equal([200, 400, 200, 200, 200], answers.Select(a => a.Status));
        Assert.Equal(records[0].Id, answers[0].RecordId);
        Assert.StartsWith("line 2: ", answers[1].Detail, StringComparison.Ordinal);
        Assert.True(answers[3].Duplicate);
        Assert.Equal(answers[0].Index, answers[3].Index);
        var checker = new ProofChecker(await client.GetShardsAsync());
        foreach (var (answer, record) in new[] { (answers[0], records[0]), (answers[2], records[1]), (answers[4], records[2]) })
            Assert.Null(checker.Problem(record.Id, answer));

        var single = await client.SubmitAsync(records[1].Json);
        Assert.True(single.Duplicate);
        Assert.Null(checker.Problem(records[1].Id, single));
    }
}
