using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using DeputyPerformance.Domain.Common;
using MiniExcelLibs;

namespace DeputyPerformance.Domain.Duties.Import;

/// <summary>Rows of an import file, one at a time: CSV through CsvHelper's parser, .xlsx through MiniExcel's streaming query.</summary>
internal interface IRowSource : IDisposable
{
    /// <summary>Moves to the next row; false at the end of the file.</summary>
    bool Read();

    /// <summary>Spreadsheet-style number of the current row: the header is row 1.</summary>
    int Row { get; }

    int FieldCount { get; }

    string this[int index] { get; }

    /// <summary>The current row broke the CSV quoting rules (a stray quote in an unquoted field).</summary>
    bool IsMalformed { get; }

    /// <summary>0..1 of the file read so far, when it can be told.</summary>
    double? Fraction { get; }

    /// <summary>A CSV read as GB18030 whose bytes look more like another code page (Latin-1, for one).</summary>
    bool EncodingDoubtful { get; }
}

/// <summary>A field or line went over the limit: the file cannot be read further safely.</summary>
internal sealed class RowTooLongException(int row) : Exception
{
    public int Row { get; } = row;
}

internal static class LogFileReader
{
    public const int MaxFieldLength = 64 * 1024;
    public const int MaxLineLength = 1024 * 1024;
    public const int SniffBytes = 64 * 1024;

    public static bool IsXlsx(string fileName) => string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rows of a file; an .xlsx is first checked against <see cref="DutyLogImportService.XlsxLimits"/> (a sheet
    /// declaring a million columns, a gigabyte cell) and refused with a DomainException before the workbook reader runs.
    /// </summary>
    public static IRowSource Open(string fileName, Stream stream, CancellationToken ct = default)
    {
        if (!IsXlsx(fileName)) return new CsvRowSource(stream);
        try
        {
            XlsxGuard.Check(stream, DutyLogImportService.XlsxLimits, ct);
            return new XlsxRowSource(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private sealed class CsvRowSource : IRowSource
    {
        private readonly CsvReader _reader;
        private readonly long _length;
        private readonly HashSet<long> _malformed = [];

        public CsvRowSource(Stream stream)
        {
            _length = stream.CanSeek ? stream.Length : -1;
            var sample = new byte[SniffBytes];
            var n = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
            var detected = ImportFiles.Detect(sample.AsSpan(0, n), n < sample.Length);
            var encoding = detected.Encoding;
            EncodingDoubtful = detected.Doubtful;
            Stream input;
            if (stream.CanSeek)
            {
                stream.Position = 0;
                input = stream;
            }
            else
            {
                // The sample is read again by the reader: put it in front of the rest.
                input = new ConcatStream(sample.AsMemory(0, n), stream);
            }

            _reader = CsvReader.Create(input, CsvReaderOptions.Default with
            {
                Separator = ',',
                HasHeader = false,
                Encoding = encoding is UTF8Encoding ? null : encoding,
                MaxRecordSize = MaxLineLength,
                TrimWhitespace = false,
                // The reader scans ahead, so remember every malformed record by number.
                OnMalformedRecord = r => _malformed.Add(r.RecordNumber),
            }, leaveOpen: false);
        }

        public int Row { get; private set; }
        public bool EncodingDoubtful { get; }
        public int FieldCount => _reader.FieldCount;
        public string this[int index] => _reader.GetString(index) ?? "";
        public bool IsMalformed => _malformed.Contains(Row);
        public double? Fraction => _length > 0 ? Math.Min(1.0, (double)_reader.ByteOffset / _length) : null;

        public bool Read()
        {
            try
            {
                if (!_reader.Read()) return false;
            }
            catch (CsvFormatException ex)
            {
                throw new RowTooLongException((int)Math.Max(ex.RecordNumber, Row + 1));
            }

            Row = (int)_reader.RowNumber;
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                if (_reader.GetString(i)?.Length > MaxFieldLength) throw new RowTooLongException(Row);
            }

            return true;
        }

        public void Dispose() => _reader.Dispose();
    }

    private sealed class XlsxRowSource : IRowSource
    {
        private readonly IEnumerator<dynamic> _rows;
        private readonly Stream _stream;
        private string[] _cells = [];
        private int _row;

        public XlsxRowSource(Stream stream)
        {
            _stream = stream;
            _rows = ((IEnumerable<dynamic>)MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)).GetEnumerator();
        }

        public int Row => _row;
        public int FieldCount => _cells.Length;
        public string this[int index] => _cells[index];
        public bool IsMalformed => false;
        public double? Fraction => null;
        public bool EncodingDoubtful => false;

        public bool Read()
        {
            if (!_rows.MoveNext()) return false;
            _row++;
            var values = (IDictionary<string, object?>)_rows.Current;
            var cells = new string[values.Count];
            var i = 0;
            var length = 0;
            foreach (var value in values.Values)
            {
                var text = value switch
                {
                    null => "",
                    string s => s,
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var o => o.ToString() ?? "",
                };
                if (text.Length > MaxFieldLength) throw new RowTooLongException(_row);
                length += text.Length;
                cells[i++] = text;
            }

            if (length > MaxLineLength) throw new RowTooLongException(_row);
            _cells = cells;
            return true;
        }

        public void Dispose()
        {
            _rows.Dispose();
            _stream.Dispose();
        }
    }

    /// <summary>Bytes already read (the encoding sample) followed by the rest of a stream.</summary>
    private sealed class ConcatStream(ReadOnlyMemory<byte> head, Stream tail) : Stream
    {
        private int _headPosition;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_headPosition < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _headPosition);
                head.Span.Slice(_headPosition, n).CopyTo(buffer);
                _headPosition += n;
                return n;
            }

            return tail.Read(buffer);
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
            if (disposing) tail.Dispose();
            base.Dispose(disposing);
        }
    }
}
