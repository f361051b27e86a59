using System.Text;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

/// <summary>Random damage to valid inputs: parsers may reject, but only ever with a FormatException.</summary>
public sealed class HostileInputTests
{
    private const int Rounds = 1500;

    private static readonly string Proof =
        "c2sp.org/tlog-proof@v1\nextra aGVsbG8=\nindex 5\ngSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n\n" + SpecExamples.CosignedCheckpoint;

    private static readonly string Policy =
        $"log {SpecExamples.LogVkey} https://log.example/\nwitness W {SpecExamples.WitnessVkey}\ngroup G any W\nquorum G\n";

    private static readonly char[] Alphabet = "\n\t \r\0+/=-#0123456789aAzZ\u2014\u00e9\ud800\udc00".ToCharArray();

    private static IEnumerable<string> Damaged(string text, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < Rounds; round++)
        {
            var builder = new StringBuilder(text);
            for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
            {
                var at = random.Next(builder.Length);
                switch (random.Next(4))
                {
                    case 0: builder[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: builder.Remove(at, random.Next(1, Math.Min(8, builder.Length - at) + 1)); break;
                    case 2: builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: builder.Length = at; break;
                }
            }
            yield return builder.ToString();
        }
    }

    private static void OnlyFormatExceptions(string text, int seed, Action<string> parse)
    {
        foreach (var damaged in Damaged(text, seed))
        {
            var error = Record.Exception(() => parse(damaged));
            Assert.True(error is null or FormatException, $"{error?.GetType().Name}: {error?.Message}\ninput: {damaged}");
        }
    }

    [Fact]
    public void Signed_note_parse_and_verify() => OnlyFormatExceptions(SpecExamples.CosignedCheckpoint, 1, text =>
    {
        var note = SignedNote.Parse(text);
        note.Verify([NoteVerifierKey.Parse(SpecExamples.LogVkey), NoteVerifierKey.Parse(SpecExamples.WitnessVkey)]);
        Assert.Equal(text, note.Format());
    });

    [Fact]
    public void Signed_note_parse_from_bytes() => OnlyFormatExceptions(SpecExamples.C2spNote, 2, text =>
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 3) bytes[bytes.Length / 2] ^= 0x80;
        SignedNote.Parse(bytes);
    });

    [Fact]
    public void Checkpoint_parse() => OnlyFormatExceptions(SpecExamples.CheckpointText, 3, text => Assert.Equal(text, Checkpoint.Parse(text).ToNoteText()));

    [Fact]
    public void Proof_parse() => OnlyFormatExceptions(Proof, 4, text => Assert.Equal(text, TlogProof.Parse(text).Format()));

    [Fact]
    public void Policy_parse_and_check() => OnlyFormatExceptions(Policy, 5, text =>
        WitnessPolicy.Parse(text).VerifyCheckpoint(SignedNote.Parse(SpecExamples.CosignedCheckpoint)));

    [Fact]
    public void Keys() => OnlyFormatExceptions(SpecExamples.WitnessVkey + "\n" + SpecExamples.GoSkey, 6, text =>
    {
        var parts = text.Split('\n');
        NoteVerifierKey.Parse(parts[0]);
        if (parts.Length > 1) NoteSigner.ParsePrivateKey(parts[1]).Dispose();
    });
}
