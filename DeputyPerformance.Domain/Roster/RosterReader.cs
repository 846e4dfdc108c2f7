using System.Globalization;
using System.Text;
using CsvHelper;
using DeputyPerformance.Domain.Common;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Roster;

/// <summary>One data row of a roster file, by canonical column; RowNumber is the row a person sees (header = 1).</summary>
public sealed record RosterRecord(int RowNumber, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.TryGetValue(column, out var v) ? v : "";
}

public sealed record RosterFile(IReadOnlyList<RosterRecord> Rows, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads a roster upload: CSV in UTF-8 (with or without BOM) or GB18030, or the first sheet of an .xlsx.
/// Whatever is wrong with the file as a whole is a DomainException with a message for the user.
/// </summary>
public static class RosterReader
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 100_000;

    /// <summary>What a roster workbook may declare and hold before it is read (see <see cref="XlsxGuard"/>).</summary>
    public static readonly XlsxLimits XlsxLimits = new(MaxRows: MaxRows + 20_000, MaxColumns: 100, MaxCells: 4_000_000,
        MaxTextLength: 4096, MaxUnpackedBytes: 256L * 1024 * 1024);

    /// <summary>How many non-blank rows may stand above the header (a title such as "…人大代表名册" often does).</summary>
    private const int HeaderSearchRows = 5;

    public static async Task<RosterFile> ReadAsync(Stream content, string fileName, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension == ".xls")
        {
            throw new DomainException("Roster_OldExcel");
        }

        if (extension is not (".csv" or ".xlsx"))
        {
            throw new DomainException("Roster_WrongType");
        }

        var bytes = await ReadLimitedAsync(content, maxBytes, ct);
        if (bytes.Length == 0)
        {
            throw new DomainException("Roster_Empty");
        }

        // The content decides between the two readers: a workbook saved under a .csv name is still read as one.
        if (bytes is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            return ReadXlsx(bytes, ct);
        }

        if (bytes is [0xD0, 0xCF, 0x11, 0xE0, ..])
        {
            throw new DomainException("Roster_OldExcel");
        }

        if (extension == ".xlsx" || bytes.Contains((byte)0))
        {
            // An .xlsx is always a zip; text files never hold NUL bytes (UTF-16 text is not part of the format).
            throw new DomainException("Roster_Malformed");
        }

        var text = ImportFiles.Decode(bytes, out var encoding);
        if (text.IndexOf(ImportFiles.Unreadable) is var bad and >= 0)
        {
            // Bytes that neither UTF-8 nor GB18030 read: a Latin-1 file, say. Refused, or names would be stored garbled.
            throw new DomainException("Roster_BadEncoding", 1 + text.AsSpan(0, bad).Count('\n'));
        }

        var file = ReadCsv(text, ct);
        return encoding.Doubtful ? file with { Warnings = [DomainText.Get("Roster_EncodingDoubtful"), .. file.Warnings] } : file;
    }

    /// <summary>Reads the whole upload, but never more than one byte over the limit.</summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var room = maxBytes - buffer.Length;
            var read = await content.ReadAsync(chunk.AsMemory(0, room >= chunk.Length ? chunk.Length : (int)room + 1), ct);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new DomainException("Roster_TooLarge", Math.Round(maxBytes / (1024.0 * 1024.0), 1));
            }
        }
    }

    private static RosterFile ReadCsv(string text, CancellationToken ct)
    {
        var table = new RowCollector();
        int? unclosedQuoteRow = null;
        var options = CsvReaderOptions.Default with
        {
            // The separator is detected (comma, or the semicolon and tab some tools write); empty lines are kept as
            // empty rows so that row numbers match the rows Excel shows.
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = true,
            // A quote that is never closed would swallow the rest of the file into one value: refuse the file instead.
            OnMalformedRecord = m => unclosedQuoteRow ??= m.Reason == CsvMalformedReason.UnterminatedQuote ? table.NextRow : null,
        };
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (unclosedQuoteRow is { } row)
                {
                    throw new DomainException("Roster_UnclosedQuote", row);
                }

                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i) ?? "";
                }

                table.Add(cells);
            }
        }
        catch (CsvFormatException)
        {
            throw new DomainException("Roster_Malformed");
        }

        return FromTable(table.Rows);
    }

    private static RosterFile ReadXlsx(byte[] bytes, CancellationToken ct)
    {
        var table = new RowCollector();
        try
        {
            using var stream = new MemoryStream(bytes);
            // A sheet declaring a million columns or a gigabyte cell is refused before the workbook reader allocates it.
            XlsxGuard.Check(stream, XlsxLimits, ct);
            // The first sheet, without a header row: MiniExcel yields blank rows too, so indexes are Excel's row numbers.
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
            {
                ct.ThrowIfCancellationRequested();
                table.Add(row.Values.Select(CellText).ToArray());
            }
        }
        catch (Exception ex) when (ex is not (DomainException or OperationCanceledException))
        {
            // Whatever a damaged or foreign zip makes the workbook parser throw, for the user it is one thing.
            throw new DomainException("Roster_Malformed");
        }

        return FromTable(table.Rows);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static RosterFile FromTable(IReadOnlyList<(int Row, string[] Cells)> rows)
    {
        if (rows.Count == 0)
        {
            throw new DomainException("Roster_Empty");
        }

        // The header is the first row that names at least two roster columns; a title row above it is skipped.
        var headerIndex = rows.Take(HeaderSearchRows).ToList().FindIndex(r => r.Cells.Count(c => RosterFormat.ColumnOf(c) is not null) >= 2);
        if (headerIndex < 0)
        {
            throw new DomainException("Roster_NoHeader", string.Join(", ", RosterFormat.RequiredColumns.Select(RosterFormat.Describe)));
        }

        var warnings = new List<string>();
        var (headerRow, header) = rows[headerIndex];
        if (headerRow > 1)
        {
            warnings.Add(DomainText.Format("Roster_RowsAboveHeader", headerRow));
        }

        var columns = new string?[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var column = RosterFormat.ColumnOf(header[i]);
            if (column is null)
            {
                if (!string.IsNullOrWhiteSpace(header[i]))
                {
                    warnings.Add(DomainText.Format("Roster_ExtraColumn", header[i].Trim()));
                }
            }
            else if (columns.Contains(column))
            {
                throw new DomainException("Roster_DuplicateColumn", header[i].Trim());
            }
            else
            {
                columns[i] = column;
            }
        }

        var missing = RosterFormat.RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("Roster_MissingColumns", string.Join(", ", missing.Select(RosterFormat.Describe)));
        }

        var data = rows.Skip(headerIndex + 1).Select(r =>
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is { } column)
                {
                    values[column] = i < r.Cells.Length ? r.Cells[i].Trim() : "";
                }
            }

            return new RosterRecord(r.Row, values);
        }).ToList();
        if (data.Count == 0)
        {
            throw new DomainException("Roster_NoRows");
        }

        if (data.Count > MaxRows)
        {
            throw new DomainException("Roster_TooManyRows", MaxRows);
        }

        return new RosterFile(data, warnings);
    }

    /// <summary>
    /// The non-blank rows of a file with the numbers a person sees: blank lines (often at the end of Excel exports)
    /// are no rows but keep their place in the numbering. Refuses a file with far more rows than allowed while reading.
    /// </summary>
    private sealed class RowCollector
    {
        private readonly List<(int Row, string[] Cells)> _rows = [];

        public IReadOnlyList<(int Row, string[] Cells)> Rows => _rows;

        /// <summary>The number of the row that comes next.</summary>
        public int NextRow { get; private set; } = 1;

        public void Add(string[] cells)
        {
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                _rows.Add((NextRow, cells));
                if (_rows.Count > MaxRows + HeaderSearchRows)
                {
                    throw new DomainException("Roster_TooManyRows", MaxRows);
                }
            }

            NextRow++;
        }
    }
}
