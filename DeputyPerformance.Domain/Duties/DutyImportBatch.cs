namespace DeputyPerformance.Domain.Duties;

/// <summary>One import of a log file: who, when, which file (name and SHA-256) and what it wrote. Audited like any entity.</summary>
public class DutyImportBatch
{
    private DutyImportBatch() { }

    public DutyImportBatch(string fileName, string fileSha256, string importedBy, DateTime atUtc, int rowsRead, int imported, int duplicates)
    {
        FileName = fileName;
        FileSha256 = fileSha256;
        ImportedBy = importedBy;
        AtUtc = atUtc;
        RowsRead = rowsRead;
        Imported = imported;
        Duplicates = duplicates;
    }

    public long Id { get; private set; }
    public string FileName { get; private set; } = "";
    public string FileSha256 { get; private set; } = "";
    public string ImportedBy { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public int RowsRead { get; private set; }
    public int Imported { get; private set; }
    public int Duplicates { get; private set; }

    internal void Complete(int imported, int duplicates)
    {
        Imported = imported;
        Duplicates = duplicates;
    }
}
