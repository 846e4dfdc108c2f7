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

    static RosterReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<RosterFile> ReadAsync(Stream content, string fileName, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        var bytes = await ReadLimitedAsync(content, maxBytes, ct);
        if (bytes.Length == 0)
        {
            throw new DomainException("Roster_Empty");
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var isZip = bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
        return extension switch
        {
            ".xlsx" when isZip => ReadXlsx(bytes),
            ".xlsx" => throw new DomainException("Roster_Malformed"),
            ".csv" when isZip || bytes.Contains((byte)0) => throw new DomainException("Roster_Malformed"),
            ".csv" => ReadCsv(Decode(bytes)),
            _ => throw new DomainException("Roster_WrongType"),
        };
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new DomainException("Roster_TooLarge", maxBytes / (1024 * 1024));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>UTF-8 when the bytes say so (BOM, or valid UTF-8 throughout); otherwise GB18030, as Chinese Excel saves CSV.</summary>
    internal static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static RosterFile ReadCsv(string text)
    {
        var table = new List<string[]>();
        var separator = text.IndexOf('\n') is var eol && eol > 0 && text[..eol].Count(c => c == ';') > text[..eol].Count(c => c == ',') ? ';' : ',';
        try
        {
            using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)),
                CsvReaderOptions.Default with { Separator = separator, HasHeader = false, TrimWhitespace = true }, leaveOpen: false);
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i) ?? "";
                }

                table.Add(cells);
                if (table.Count > MaxRows + 1)
                {
                    throw new DomainException("Roster_TooManyRows", MaxRows);
                }
            }
        }
        catch (CsvFormatException)
        {
            throw new DomainException("Roster_Malformed");
        }

        return FromTable(table);
    }

    private static RosterFile ReadXlsx(byte[] bytes)
    {
        var table = new List<string[]>();
        try
        {
            using var stream = new MemoryStream(bytes);
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
            {
                table.Add(row.Values.Select(CellText).ToArray());
                if (table.Count > MaxRows + 1)
                {
                    throw new DomainException("Roster_TooManyRows", MaxRows);
                }
            }
        }
        catch (DomainException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or FormatException
                                       or System.Xml.XmlException or ArgumentException or NullReferenceException or KeyNotFoundException)
        {
            throw new DomainException("Roster_Malformed");
        }

        return FromTable(table);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static RosterFile FromTable(List<string[]> table)
    {
        // Blank lines (often at the end of Excel exports) are no rows.
        var numbered = table.Select((cells, index) => (Cells: cells, Row: index + 1))
            .Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (numbered.Count == 0)
        {
            throw new DomainException("Roster_Empty");
        }

        var header = numbered[0].Cells;
        var columns = new string?[header.Length];
        var warnings = new List<string>();
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
            throw new DomainException("Roster_MissingColumns", string.Join(", ", missing));
        }

        if (numbered.Count == 1)
        {
            throw new DomainException("Roster_NoRows");
        }

        var rows = numbered.Skip(1).Select(r =>
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
        return new RosterFile(rows, warnings);
    }
}
