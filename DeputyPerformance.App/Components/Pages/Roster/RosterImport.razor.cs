using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DeputyPerformance.App.Components.Pages.Roster;

/// <summary>
/// The roster import: a chosen file is read once into memory and previewed (nothing written); the Import button,
/// enabled only for a file without errors, sends the same bytes to the all-or-nothing import.
/// </summary>
public partial class RosterImport
{
    private readonly CancellationTokenSource _cts = new();
    private MudFileUpload<IBrowserFile>? _upload;
    private byte[]? _content;
    private string? _fileName;
    private RosterPreview? _preview;
    private RosterImportResult? _result;
    private bool _busy;

    private long MaxBytes => Configuration.GetValue("Roster:MaxUploadBytes", RosterReader.DefaultMaxBytes);

    private double MaxMegabytes => Math.Round(MaxBytes / (1024.0 * 1024.0), 1);

    private string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "—" : string.Join(L["ListSeparator"], list);
    }

    private static string InTown(NamedInTown named) => $"{named.Town} · {named.Name}";

    /// <summary>An empty value (no district, gender not given) as a dash.</summary>
    private static string Shown(string value) => value.Length == 0 ? "—" : value;

    private async Task FileChosenAsync(IBrowserFile? file)
    {
        // Clearing the upload after a file (so that the corrected file can be chosen again) reports no file.
        if (file is null || _busy)
        {
            return;
        }

        _busy = true;
        _result = null;
        _preview = null;
        _content = null;
        _fileName = file.Name;
        try
        {
            // One byte over the limit is enough for the reader to tell the user the file is too large; a file that
            // declares more than that is refused by the browser stream at once (IOException).
            await using var upload = file.OpenReadStream(maxAllowedSize: MaxBytes + 1);
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, _cts.Token);
            _content = buffer.ToArray();
            _preview = await Roster.PreviewAsync(await Callers.GetAsync(), new MemoryStream(_content), _fileName, MaxBytes, _cts.Token);
            if (!_preview.CanImport)
            {
                _content = null;
            }
        }
        catch (IOException)
        {
            _content = null;
            _preview = new RosterPreview { FileError = string.Format(CultureInfo.CurrentCulture, T["TooLarge"], MaxMegabytes) };
        }
        catch (DomainException ex)
        {
            _content = null;
            _preview = new RosterPreview { FileError = ex.Message };
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The page was closed.
            return;
        }
        finally
        {
            _busy = false;
        }

        if (_upload is not null)
        {
            await _upload.ClearAsync();
        }
    }

    private async Task ImportAsync()
    {
        if (_content is null || _fileName is null || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            _result = await Roster.ImportAsync(await Callers.GetAsync(), new MemoryStream(_content), _fileName, MaxBytes, _cts.Token);
            _preview = _result.Preview;
            if (_result.Imported)
            {
                Snackbar.Add(L["Saved"], Severity.Success);
                _content = null;
            }
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
