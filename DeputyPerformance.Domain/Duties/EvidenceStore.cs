using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Duties;

/// <summary>Where evidence bytes live, outside the database.</summary>
public interface IEvidenceStore
{
    /// <summary>
    /// Copies the upload into the store under a new generated key while hashing it; refuses content that is not
    /// a JPEG, PNG or PDF by its first bytes, or that is larger than the limit. Nothing is left behind on refusal.
    /// </summary>
    Task<StoredEvidence> SaveAsync(Stream content, CancellationToken ct = default);

    Task<Stream> OpenReadAsync(string storageKey, CancellationToken ct = default);

    Task DeleteAsync(string storageKey, CancellationToken ct = default);
}

public sealed record StoredEvidence(string StorageKey, string ContentType, long SizeBytes, string Sha256);

public sealed class EvidenceOptions
{
    /// <summary>Folder of the evidence files; relative paths are resolved by the host (content root).</summary>
    public string Folder { get; set; } = "App_Data/evidence";
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxFilesPerLog { get; set; } = 10;
}

/// <summary>Recognises the accepted evidence types by their magic bytes, whatever the file name says.</summary>
public static class EvidenceSniffer
{
    public const int HeaderLength = 8;

    public static string? ContentTypeOf(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF) return "image/jpeg";
        if (header.Length >= 8 && header[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (header.Length >= 5 && header[..5].SequenceEqual("%PDF-"u8)) return "application/pdf";
        return null;
    }

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => ".pdf",
    };
}

/// <summary>
/// The name an evidence file is shown and downloaded under: the last segment of the uploader's name without its
/// extension, stripped of control, path, quote and reserved characters, plus the extension of the type detected in
/// the bytes. "report.html" holding a PDF becomes "report.pdf", so no browser or desktop opens it as a page or program.
/// </summary>
public static class EvidenceNames
{
    private const int MaxStemLength = EvidenceFile.MaxNameLength - 10;

    public static string Safe(string? uploadedName, string contentType)
    {
        var extension = EvidenceSniffer.ExtensionOf(contentType);
        var last = Path.GetFileName((uploadedName ?? "").Replace('\\', '/'));
        var stem = Path.GetFileNameWithoutExtension(last);
        var clean = new System.Text.StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            var category = char.GetUnicodeCategory(c);
            var unsafeChar = char.IsControl(c) || c is '"' or '\'' or '<' or '>' or ':' or '|' or '?' or '*' or '/' or '\\' or ';' or '%'
                             || category is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                                 or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Surrogate
                                 or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned;
            clean.Append(unsafeChar ? '_' : c);
        }

        var result = clean.ToString().Trim().Trim('.', ' ');
        if (result.Length > MaxStemLength) result = result[..MaxStemLength];
        if (result.Length == 0) result = "evidence";
        return result + extension;
    }
}

/// <summary>Evidence on the local file system: {folder}/{yyyy}/{MM}/{32 hex}{ext}; the key is all the store knows.</summary>
public sealed partial class FileSystemEvidenceStore(EvidenceOptions options) : IEvidenceStore
{
    private readonly string _root = Path.GetFullPath(options.Folder);

    [GeneratedRegex("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\\.(jpg|png|pdf)$")]
    private static partial Regex KeyPattern();

    public async Task<StoredEvidence> SaveAsync(Stream content, CancellationToken ct = default)
    {
        var header = new byte[EvidenceSniffer.HeaderLength];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        var contentType = EvidenceSniffer.ContentTypeOf(header.AsSpan(0, headerLength))
                          ?? throw new DomainException("Evidence_TypeNotAllowed");
        var now = DateTime.UtcNow;
        var key = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{EvidenceSniffer.ExtensionOf(contentType)}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await WriteAsync(header.AsMemory(0, headerLength));
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    await WriteAsync(buffer.AsMemory(0, read));
                }

                async Task WriteAsync(ReadOnlyMemory<byte> chunk)
                {
                    size += chunk.Length;
                    if (size > options.MaxBytes)
                    {
                        throw new DomainException("Evidence_TooLarge", options.MaxBytes / (1024 * 1024));
                    }

                    hash.AppendData(chunk.Span);
                    await file.WriteAsync(chunk, ct);
                }
            }

            return new StoredEvidence(key, contentType, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string storageKey, CancellationToken ct = default) =>
        Task.FromResult<Stream>(new FileStream(PathOf(storageKey), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string storageKey, CancellationToken ct = default)
    {
        File.Delete(PathOf(storageKey));
        return Task.CompletedTask;
    }

    /// <summary>Only keys this store generated map to a path, so no key can climb out of the folder.</summary>
    private string PathOf(string key)
    {
        if (!KeyPattern().IsMatch(key)) throw new DomainException("Evidence_BadKey");
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new DomainException("Evidence_BadKey");
        return path;
    }
}
