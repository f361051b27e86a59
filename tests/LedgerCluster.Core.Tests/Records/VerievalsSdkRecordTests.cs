using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Records;

/// <summary>What verievals' SDK and schema write on purpose is read, keeps its id and verifies; a self-contradiction is named.</summary>
public sealed class VerievalsSdkRecordTests
{
    [Fact]
    public void A_verbatim_grade_score_0_5_passed_true_keeps_the_verievals_id_and_verifies()
    {
        using var key = VerievalsSdkRecords.Key();
        var record = RunRecord.Parse(VerievalsSdkRecords.GradedVerbatim(key).ToFileText());
        Assert.Equal(VerievalsSdkRecords.GradedVerbatimId, record.Id);
        Assert.True(record.Body.Results[0] is { Score: 0.5, Passed: true });
        Assert.Null(record.Body.Contradiction());
        var report = RecordVerifier.Verify(record, VerificationInputs.None);
        Assert.True(report.Verified, string.Join("\n", report.Lines()));
        Assert.Equal(TrustTier.Signed, report.Tier);
    }

    [Fact]
    public void An_extra_aggregate_metric_is_kept_signed_and_verifies()
    {
        using var key = VerievalsSdkRecords.Key();
        var text = VerievalsSdkRecords.ExtraMetric(key).ToFileText();
        Assert.Contains("\"f1\": 0.8", text, StringComparison.Ordinal);
        var record = RunRecord.Parse(text);
        Assert.Equal(VerievalsSdkRecords.ExtraMetricId, record.Id);
        Assert.Equal([KeyValuePair.Create("f1", 0.8)], record.Body.Aggregate.OtherMetrics);
        Assert.Equal(VerievalsSdkRecords.ExtraMetricId, record.Body.ContentHash()); // re-serialized, the metric is still there
        Assert.True(RecordVerifier.Verify(record, VerificationInputs.None).Verified);
    }

    [Fact]
    public void An_extra_metric_must_still_be_a_float()
    {
        using var key = VerievalsSdkRecords.Key();
        var text = VerievalsSdkRecords.ExtraMetric(key).ToFileText().Replace("\"f1\": 0.8", "\"f1\": 1", StringComparison.Ordinal);
        var e = Assert.Throws<RecordSchemaException>(() => RunRecord.Parse(text));
        Assert.Equal("body.aggregate.metrics.f1", e.Field);
        Assert.Contains("expected float, got int", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_contradicting_record_is_read_and_its_contradiction_named()
    {
        using var key = VerievalsSdkRecords.Key();
        var record = RunRecord.Parse(VerievalsSdkRecords.Contradiction(key).ToFileText());
        Assert.Equal(VerievalsSdkRecords.ContradictionId, record.Id);
        Assert.True(record.IntegrityHolds() && record.SignatureHolds());
        Assert.Equal("aggregate accuracy 0.9 but results give 0.5", record.Body.Contradiction());

        var report = RecordVerifier.Verify(record, VerificationInputs.None);
        Assert.Equal(TrustTier.SelfReported, report.Tier);
        Assert.Equal("FAILED", report.Overall);
        Assert.Contains("Integrity: FAILED (the record contradicts itself: aggregate accuracy 0.9 but results give 0.5)", report.Lines());
        Assert.Equal("self-reported: aggregate accuracy 0.9 but results give 0.5", report.SelfReportedReason);
    }
}
