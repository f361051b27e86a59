using LedgerCluster.Tests.Shared;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>Marks a test class whose <see cref="StorageFactAttribute"/> tests need Azurite: they are skipped, with the reason, without it.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresAzuriteAttribute : Attribute;

/// <summary>
/// A fact for the storage conformance bases: the same inherited test runs for every provider, and is skipped for the
/// classes marked <see cref="RequiresAzuriteAttribute"/> when Azurite is not running.
/// </summary>
[XunitTestCaseDiscoverer("LedgerCluster.Cluster.Tests.Storage.StorageFactDiscoverer", "LedgerCluster.Cluster.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute;

public sealed class StorageFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsAzurite = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresAzuriteAttribute)).Any();
        if (needsAzurite && Azurite.SkipReason is { } reason)
            return [new SkippedTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        return [new XunitTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}

/// <summary>A test case skipped for a reason found at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase() { }

    public SkippedTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(diagnostics, display, displayOptions, testMethod) => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        // Before the base reads the rest: it may compute the skip reason while doing so.
        _reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }
}
