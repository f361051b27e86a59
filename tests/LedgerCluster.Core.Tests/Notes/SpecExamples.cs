using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

/// <summary>The short known-answer examples of ../shared/tlog-testdata/README.md section 8, kept inline.</summary>
internal static class SpecExamples
{
    // 8.1 C2SP signed-note example.
    public const string C2spVkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    public const string C2spNote =
        "This is an example message.\n\n" +
        "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    // 8.2 Go sumdb note example.
    public const string GoVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    public const string GoSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    public const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    public const string GoSignatureLine = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    // 8.3 Checkpoint + cosignature/v1 (seeds are SHA-256 of these ASCII strings).
    public const string LogSeedString = "tlog-anchors log seed";
    public const string LogName = "example.com/tlog-anchors-test";
    public const string LogVkey = "example.com/tlog-anchors-test+b21a2612+AdmaXRt5W9ISb8Y3vgTqTcE55LMI4gLcoFEx1HwLmdAr";
    public const string RootHex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    public const string CheckpointText = "example.com/tlog-anchors-test\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
    public const string CheckpointSignatureLine = "\u2014 example.com/tlog-anchors-test shomEoi3Daaje/dEQAlbMs1YrKy0CAMVBrqb3k3S+YB4rDZg0wiScVkhDZ7c7joIoRNsoSIdAFYbPUQElbx2HuuBagg=";
    public const string SignedCheckpoint = CheckpointText + "\n" + CheckpointSignatureLine + "\n";

    public const string WitnessSeedString = "tlog-anchors witness seed";
    public const string WitnessName = "witness.example/tlog-anchors-w1";
    public const string WitnessVkey = "witness.example/tlog-anchors-w1+32fd960d+BP4degj46XaYai0C5XVCQsOC6XD+0ReC3fLzuM1ahLba";
    public const ulong CosignatureTime = 1700000000;
    public const string CosignedMessage = "cosignature/v1\ntime 1700000000\n" + CheckpointText;
    public const string CosignatureLine = "\u2014 witness.example/tlog-anchors-w1 Mv2WDQAAAABlU/EA31F6G2m+O4cOZIantc2ZslD+CTQaDiXjvxVavy8mviVzuHVjqK/FmdZQaHImHJUwou4THTWg1YkEIiaDWaVPBA==";
    public const string CosignedCheckpoint = SignedCheckpoint + CosignatureLine + "\n";

    public static Ed25519KeyPair KeyFromSeedString(string seed) => Ed25519KeyPair.FromSeed(ContentHash.Sha256(Encoding.ASCII.GetBytes(seed)));

    public static NoteSigner LogSigner() => new(LogName, KeyFromSeedString(LogSeedString));

    public static NoteSigner WitnessSigner() => new(WitnessName, KeyFromSeedString(WitnessSeedString), NoteKeyType.CosignatureV1);

    /// <summary>A fresh deterministic key pair for negative tests.</summary>
    public static Ed25519KeyPair TestKey(string label) => KeyFromSeedString("ledgercluster notes test " + label);
}
