using System.Numerics;
using LedgerCluster.Core.Log;

namespace LedgerCluster.Core.Tests.Log;

public sealed class ShardRouterTests
{
    [Theory]
    [InlineData("56c7984e5b5ad853a183983100aab5ca3255740809bb7367f3d95eecc4d37dc8", 1)]
    [InlineData("56c7984e5b5ad853a183983100aab5ca3255740809bb7367f3d95eecc4d37dc8", 4)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 7)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000003", 2)]
    public void Shard_is_the_id_modulo_the_shard_count(string id, int shards)
    {
        var expected = (int)(BigInteger.Parse("0" + id, System.Globalization.NumberStyles.HexNumber) % shards);
        Assert.Equal(expected, ShardRouter.ShardOf(id, shards));
    }

    [Fact]
    public void Bad_ids_are_refused()
    {
        Assert.Throws<FormatException>(() => ShardRouter.ShardOf("ABC", 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouter.ShardOf(new string('0', 64), 0));
    }
}
