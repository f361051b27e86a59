using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>Client construction, key encoding and error classification shared by the Azure grain storage and log store.</summary>
public static class AzureStorageClients
{
    /// <summary>
    /// Blob service version pinned so real Azure and Azurite 3.37.0 agree (the SDK's default, 2026-10-06, is newer than Azurite
    /// accepts; notes §0.1).
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    public static BlobClientOptions BlobOptions(int maxRetries = 3) => new(BlobVersion) { Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(200), Mode = RetryMode.Exponential } };

    public static TableClientOptions TableOptions(int maxRetries = 3) => new() { Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(200), Mode = RetryMode.Exponential } };

    public static TableServiceClient Tables(string connectionString) => new(connectionString, TableOptions());

    public static BlobServiceClient Blobs(string connectionString) => new(connectionString, BlobOptions());

    /// <summary>409, 412 and 404: a conditional write lost (row exists, ETag stale, row gone).</summary>
    public static bool IsConditionFailure(this RequestFailedException e) => e.Status is 409 or 412 or 404;

    private const int MaxKeyChars = 255;

    /// <summary>
    /// An injective encoding of <paramref name="value"/> as a table key: '%', '/', '\', '#', '?' and control characters become
    /// %XX; keys longer than 255 characters keep a readable prefix and end in the SHA-256 of the whole value, so every key
    /// stays well under Azurite's 512-character limit.
    /// </summary>
    public static string Key(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c)) sb.Append('%').Append(((int)c).ToString("X2"));
            else sb.Append(c);
        }
        if (sb.Length <= MaxKeyChars) return sb.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        // '~' cannot end an unhashed key of this length, so hashed and unhashed keys never collide.
        return string.Concat(sb.ToString(0, 180), "~", hash);
    }

    /// <summary>Table names: letters and digits, starting with a letter, 3–63 characters.</summary>
    public static bool IsValidTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    /// <summary>Container names: lower-case letters, digits and single hyphens, 3–63 characters, starting and ending with a letter or digit.</summary>
    public static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
