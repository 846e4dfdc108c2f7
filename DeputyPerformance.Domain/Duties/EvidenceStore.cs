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

    /// <summary>
    /// The same for documents of other kinds: with <see cref="EvidenceKinds.Office"/> also Word, Excel and PowerPoint
    /// files (.docx, .xlsx, .pptx), recognised by the parts inside their zip, not by the name.
    /// </summary>
    Task<StoredEvidence> SaveAsync(Stream content, EvidenceKinds accepted, CancellationToken ct = default);

    Task<Stream> OpenReadAsync(string storageKey, CancellationToken ct = default);

    Task DeleteAsync(string storageKey, CancellationToken ct = default);
}

/// <summary>The kinds of file a store accepts for one use: duty-log evidence takes images and PDF, case documents Office files too.</summary>
[Flags]
public enum EvidenceKinds
{
    ImagesAndPdf = 1,
    Office = 2,
    Documents = ImagesAndPdf | Office,
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

    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    public static bool IsZip(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && header[..4].SequenceEqual((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]);

    /// <summary>An Office Open XML file by its main part (the zip's directory is read, nothing is unpacked); null for any other zip.</summary>
    public static string? OfficeTypeOf(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Contains("word/document.xml")) return Docx;
            if (names.Contains("xl/workbook.xml")) return Xlsx;
            if (names.Contains("ppt/presentation.xml")) return Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        Docx => ".docx",
        Xlsx => ".xlsx",
        Pptx => ".pptx",
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

    [GeneratedRegex("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\\.(jpg|png|pdf|docx|xlsx|pptx)$")]
    private static partial Regex KeyPattern();

    public Task<StoredEvidence> SaveAsync(Stream content, CancellationToken ct = default) => SaveAsync(content, EvidenceKinds.ImagesAndPdf, ct);

    public async Task<StoredEvidence> SaveAsync(Stream content, EvidenceKinds accepted, CancellationToken ct = default)
    {
        var refusal = accepted.HasFlag(EvidenceKinds.Office) ? "Evidence_DocumentTypeNotAllowed" : "Evidence_TypeNotAllowed";
        var header = new byte[EvidenceSniffer.HeaderLength];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        var sniffed = EvidenceSniffer.ContentTypeOf(header.AsSpan(0, headerLength));
        var office = sniffed is null && accepted.HasFlag(EvidenceKinds.Office) && EvidenceSniffer.IsZip(header.AsSpan(0, headerLength));
        if (sniffed is null && !office) throw new DomainException(refusal);
        var now = DateTime.UtcNow;
        var stem = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";
        // Written under a temporary name: an Office file's type is known only once its zip directory can be read.
        var partial = PathOf(stem + ".pdf") + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        string? final = null;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
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

            var contentType = sniffed ?? EvidenceSniffer.OfficeTypeOf(partial) ?? throw new DomainException(refusal);
            var key = stem + EvidenceSniffer.ExtensionOf(contentType);
            final = PathOf(key);
            File.Move(partial, final);
            return new StoredEvidence(key, contentType, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(partial);
            if (final is not null) File.Delete(final);
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
