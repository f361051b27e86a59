using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using static LedgerCluster.Core.Tests.Leaderboards.BoardTestData;

namespace LedgerCluster.Core.Tests.Leaderboards;

public sealed class TruncationRateTests
{
    private static readonly (string, bool)[] FourItems = [("t0", true), ("t1", false), ("t2", false), ("t3", true)];

    [Fact]
    public void Per_result_finish_reasons_give_the_rate()
    {
        var record = Verified(Record("m", FourItems, Params(300),
            facts: [("stop", 120), ("length", 300), ("length", 300), ("stop", 90)]));

        Assert.Equal(new TruncationRate(2, 4, 4, TruncationMethod.FinishReason), record.Truncation);
        Assert.Equal(0.5, record.Truncation.Rate);
        Assert.Equal("finish_reason", record.Truncation.MethodName);
    }

    [Fact]
    public void Without_finish_reasons_outputs_at_the_token_cap_count_as_cut_off()
    {
        var record = Verified(Record("m", FourItems, Params(300), facts: [(null, 120), (null, 300), (null, 299), (null, null)]));

        Assert.Equal(new TruncationRate(1, 3, 4, TruncationMethod.TokenCap), record.Truncation);
        Assert.Equal("token_cap", record.Truncation.MethodName);
    }

    [Fact]
    public void Imported_records_are_read_from_item_facts_and_no_record_means_no_rate()
    {
        var facts = new JObject
        {
            { "t0", new JObject { { "finish_reason", "stop" } } },
            { "t1", new JObject { { "finish_reason", "length" }, { "output_tokens", 256 } } },
        };
        var imported = Verified(Record("m", FourItems, new JObject { { "max_gen_toks", 256 }, { "item_facts", facts } }));
        var silent = Verified(Record("m", FourItems, Params(300)));

        Assert.Equal(new TruncationRate(1, 2, 4, TruncationMethod.FinishReason), imported.Truncation);
        Assert.Equal(TruncationMethod.NotRecorded, silent.Truncation.Method);
        Assert.Null(silent.Truncation.Rate);
        Assert.Equal("not_recorded", silent.Truncation.MethodName);
    }

    [Fact]
    public void A_pair_whose_truncation_rates_clearly_differ_is_flagged()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"t{i:000}").ToList();
        var cut = Verified(Record("cut", ids.Select(id => (id, true)), Params(300), facts: ids.Select((_, i) => ((string?)(i < 30 ? "length" : "stop"), (long?)null))));
        var full = Verified(Record("full", ids.Select(id => (id, true)), Params(768), facts: ids.Select(_ => ((string?)"stop", (long?)null))));

        var board = BenchmarkBoard.Rank([cut, full]);

        Assert.True(Assert.Single(board.Pairs).TruncationDiffers);
    }
}
