namespace DeputyPerformance.Domain.Duties;

/// <summary>
/// A proof attached to a log (photo or PDF). The bytes live in the evidence store under a generated key,
/// never under the uploader's file name; the row keeps the name for display and the SHA-256 to verify.
/// </summary>
public class EvidenceFile
{
    public const int MaxNameLength = 200;

    private EvidenceFile() { }

    public EvidenceFile(long dutyLogId, string originalName, string contentType, long sizeBytes, string sha256, string storageKey,
        string uploadedBy, DateTime uploadedAtUtc)
    {
        DutyLogId = dutyLogId;
        OriginalName = originalName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public long Id { get; private set; }
    public long DutyLogId { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    /// <summary>Lower-case hex SHA-256 of the stored bytes.</summary>
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
}
