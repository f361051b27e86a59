using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Tests.Trust;

public sealed class ReproductionQuorumTests
{
    private static NoteSigner Witness(string name, byte seed) =>
        new($"witness.example/{name}", Ed25519KeyPair.FromSeed(Enumerable.Repeat(seed, 32).ToArray()), NoteKeyType.CosignatureV1);

    [Fact]
    public void Counts_distinct_policy_keys_that_attested_reproduced()
    {
        using var a = Witness("a", 1);
        using var b = Witness("b", 2);
        using var outsider = Witness("x", 3);
        var policy = WitnessPolicy.Parse($"witness A {a.VerifierKey}\nwitness B {b.VerifierKey}\ngroup both 2 A B\nquorum both\n");
        var (ka, kb, kx) = (a.VerifierKey.ToString(), b.VerifierKey.ToString(), outsider.VerifierKey.ToString());

        Assert.True(ReproductionQuorum.Holds(policy, [(ka, "reproduced"), (kb, "reproduced")]));
        Assert.True(ReproductionQuorum.Holds(policy, [(ka, "reproduced"), (b.VerifierKey.Name, "reproduced")]));
        Assert.False(ReproductionQuorum.Holds(policy, [(ka, "reproduced"), (ka, "reproduced")]));
        Assert.False(ReproductionQuorum.Holds(policy, [(ka, "reproduced"), (kb, "verified")]));
        Assert.False(ReproductionQuorum.Holds(policy, [(ka, "reproduced"), (kx, "reproduced")]));
    }

    [Fact]
    public void Without_a_policy_quorum_attestations_never_make_a_record_reproduced()
    {
        using var a = Witness("a", 1);
        Assert.False(ReproductionQuorum.Holds(null, [(a.VerifierKey.ToString(), "reproduced")]));
        Assert.False(ReproductionQuorum.Holds(WitnessPolicy.Parse("quorum none"), [(a.VerifierKey.ToString(), "reproduced")]));
    }
}
