using System.IO.Compression;
using System.Xml;

namespace DeputyPerformance.Domain.Common;

/// <summary>What an .xlsx upload may declare and hold before the workbook reader is let at it.</summary>
/// <param name="MaxRows">The highest row number a sheet may declare or use.</param>
/// <param name="MaxColumns">The highest column number (A = 1) a sheet may declare or use.</param>
/// <param name="MaxCells">Rows times columns of a sheet's used area: the reader yields every cell of it, blank or not.</param>
/// <param name="MaxTextLength">The longest text (a cell, a shared string) in characters.</param>
/// <param name="MaxUnpackedBytes">All parts of the workbook together, unpacked.</param>
public sealed record XlsxLimits(int MaxRows, int MaxColumns, long MaxCells, int MaxTextLength, long MaxUnpackedBytes)
{
    /// <summary>Blank rows the reader would have to invent between a sheet's real rows before the sheet counts as sparse.</summary>
    public int MaxMissingRows { get; init; } = 10_000;
}

/// <summary>
/// Refuses an .xlsx "bomb" before the workbook reader sees it: a sheet that declares (in its dimension or a cell
/// reference) far more rows or columns than an import file has, a sheet whose rows are mostly missing (the reader
/// would yield every missing row and column), a text longer than the limit, or parts that unpack to too many bytes.
/// One streaming pass over the unpacked parts, with bounded memory: no element, attribute or text over the limit is
/// ever held whole, because the byte scanner stops at the first run between angle brackets that is too long.
/// </summary>
public static class XlsxGuard
{
    /// <summary>Checks the workbook in <paramref name="stream"/> (seekable; read from its start, left at its start).</summary>
    /// <exception cref="DomainException">Xlsx_* with a message for the user.</exception>
    /// <exception cref="InvalidDataException">Not a zip archive.</exception>
    public static void Check(Stream stream, XlsxLimits limits, CancellationToken ct = default)
    {
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var budget = new Budget(limits.MaxUnpackedBytes);
            foreach (var entry in zip.Entries)
            {
                ct.ThrowIfCancellationRequested();
                if (entry.Length > limits.MaxUnpackedBytes) throw TooLarge(limits);
                if (!entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                using var scanned = new ScanningStream(entry.Open(), budget, limits, ct);
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase))
                {
                    CheckSheet(scanned, limits, ct);
                }

                scanned.CopyTo(Stream.Null);
            }
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static DomainException TooLarge(XlsxLimits limits) => new("Xlsx_TooLarge", limits.MaxUnpackedBytes / (1024 * 1024));

    private static void CheckSheet(Stream xml, XlsxLimits limits, CancellationToken ct)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, CloseInput = false };
        using var reader = XmlReader.Create(xml, settings);
        long rows = 0;
        int maxRow = 0, maxColumn = 0, row = 0, column = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    var last = range.Contains(':') ? range[(range.IndexOf(':') + 1)..] : range;
                    var (dimRow, dimColumn) = ParseReference(last, 0);
                    Check(dimRow, dimColumn, limits);
                    break;
                case "row":
                    ct.ThrowIfCancellationRequested();
                    rows++;
                    row = int.TryParse(reader.GetAttribute("r"), out var r) ? r : row + 1;
                    column = 0;
                    maxRow = Math.Max(maxRow, row);
                    Check(row, 0, limits);
                    break;
                case "c":
                    var (cellRow, cellColumn) = reader.GetAttribute("r") is { } reference ? ParseReference(reference, column + 1) : (row, column + 1);
                    column = cellColumn;
                    maxColumn = Math.Max(maxColumn, cellColumn);
                    Check(cellRow, cellColumn, limits);
                    break;
            }
        }

        if ((long)maxRow * maxColumn > limits.MaxCells) throw new DomainException("Xlsx_TooManyCells", maxRow, maxColumn, limits.MaxCells);
        if (maxRow - rows > limits.MaxMissingRows) throw new DomainException("Xlsx_Sparse", maxRow, rows);
    }

    private static void Check(int row, int column, XlsxLimits limits)
    {
        if (column > limits.MaxColumns) throw new DomainException("Xlsx_TooManyColumns", ColumnName(column), limits.MaxColumns);
        if (row > limits.MaxRows) throw new DomainException("Xlsx_TooManyRows", row, limits.MaxRows);
    }

    /// <summary>Row and column (A = 1) of a reference such as "XFD1048576"; a bad or missing part is 0 (or the default column).</summary>
    internal static (int Row, int Column) ParseReference(string reference, int defaultColumn)
    {
        var i = 0;
        long column = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = Math.Min(column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1), int.MaxValue);
            i++;
        }

        long row = 0;
        while (i < reference.Length && char.IsAsciiDigit(reference[i]))
        {
            row = Math.Min(row * 10 + (reference[i] - '0'), int.MaxValue);
            i++;
        }

        return ((int)Math.Min(row, int.MaxValue), i == 0 || column == 0 ? defaultColumn : (int)Math.Min(column, int.MaxValue));
    }

    private static string ColumnName(int column)
    {
        var name = "";
        while (column > 0 && name.Length < 8)
        {
            var m = (column - 1) % 26;
            name = (char)('A' + m) + name;
            column = (column - 1) / 26;
        }

        return name;
    }

    private sealed class Budget(long bytes)
    {
        public long Left = bytes;
    }

    /// <summary>Counts unpacked bytes against the budget and refuses a run of bytes between angle brackets that is too long.</summary>
    private sealed class ScanningStream(Stream inner, Budget budget, XlsxLimits limits, CancellationToken ct) : Stream
    {
        // A text of MaxTextLength characters: up to 3 bytes each in UTF-8, more when written as entities (&amp;).
        private readonly long _maxRun = (long)limits.MaxTextLength * 6 + 1024;
        private long _run;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            var n = inner.Read(buffer);
            budget.Left -= n;
            if (budget.Left < 0) throw TooLarge(limits);
            foreach (var b in buffer[..n])
            {
                if (b is (byte)'<' or (byte)'>') _run = 0;
                else if (++_run > _maxRun) throw new DomainException("Xlsx_TextTooLong", limits.MaxTextLength / 1024);
            }

            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
