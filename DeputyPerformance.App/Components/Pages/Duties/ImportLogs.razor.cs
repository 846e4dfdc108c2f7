using System.Globalization;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties.Import;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DeputyPerformance.App.Components.Pages.Duties;

/// <summary>
/// The duty-log import in two steps, like the roster's: a chosen file is saved to the upload folder and previewed
/// (every row checked, the keys looked up, nothing written); Import, enabled only for a file without errors and with
/// new rows, runs the all-or-nothing import of the same file. The file is deleted when the import ends, another file
/// is chosen or the page closes; leaving the page cancels a running preview or import.
/// </summary>
public partial class ImportLogs
{
    /// <summary>Large files are fine: they go to a temp file and are read as streams.</summary>
    private const long MaxBytes = 500L * 1024 * 1024;

    private readonly CancellationTokenSource _cts = new();
    private MudFileUpload<IBrowserFile>? _upload;
    private DutyImportPreview? _preview;
    private DutyImportResult? _result;
    private string? _fileName, _path, _error, _phase;
    private int _percent, _rows;
    private bool _busy;
    private DateTime _lastPaint;

    /// <summary>A failed import (the data changed since the preview) replaces the preview's findings.</summary>
    private IReadOnlyList<ImportIssue> Errors => _result is { Succeeded: false } r ? r.Errors : _preview?.Errors ?? [];
    private int ErrorCount => _result is { Succeeded: false } r ? r.ErrorCount : _preview?.ErrorCount ?? 0;
    private IReadOnlyList<ImportIssue> Warnings => _preview?.Warnings ?? [];
    private IReadOnlyList<string> ValidCategories => _result is { Succeeded: false } r ? r.ValidCategories : _preview?.ValidCategories ?? [];

    private async Task FileChosenAsync(IBrowserFile? file)
    {
        // Clearing the upload after a file (so that the corrected file can be chosen again) reports no file.
        if (file is null || _busy)
        {
            return;
        }

        Discard();
        _busy = true;
        _fileName = file.Name;
        _path = UploadFolder.NewFile(file.Name);
        try
        {
            await using (var target = File.Create(_path))
            await using (var upload = file.OpenReadStream(MaxBytes, _cts.Token))
            {
                await upload.CopyToAsync(target, _cts.Token);
            }

            var path = _path;
            _preview = await Importer.PreviewAsync(await Callers.GetAsync(), file.Name, () => File.OpenRead(path), Progress(), _cts.Token);
            if (!_preview.CanImport)
            {
                DeleteFile();
            }
        }
        catch (IOException)
        {
            _error = string.Format(CultureInfo.CurrentCulture, T["FileTooLarge"], MaxBytes / (1024 * 1024));
            DeleteFile();
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
            DeleteFile();
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The page was closed.
            DeleteFile();
        }
        finally
        {
            _busy = false;
        }

        if (_upload is not null && !_cts.IsCancellationRequested)
        {
            await _upload.ClearAsync();
        }
    }

    private async Task ImportAsync()
    {
        if (_path is null || _fileName is null || _busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var path = _path;
            _result = await Importer.ImportAsync(await Callers.GetAsync(), _fileName, () => File.OpenRead(path), Progress(), _cts.Token);
            if (_result.Succeeded)
            {
                Snackbar.Add(L["Saved"], Severity.Success);
            }
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
        }
        catch (IOException)
        {
            // The file is gone (removed by the sweeper after hours on the page): choose it again.
            _error = T["ImportFileGone"];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _busy = false;
            DeleteFile();
        }
    }

    private Progress<ImportProgress> Progress() => new(p =>
    {
        _percent = p.Percent;
        _rows = p.Rows;
        _phase = T[$"Phase_{p.Phase}"];
        // Progress posts to the circuit's context; repaint a few times a second, not once per row.
        if (DateTime.UtcNow - _lastPaint > TimeSpan.FromMilliseconds(250))
        {
            _lastPaint = DateTime.UtcNow;
            StateHasChanged();
        }
    });

    private void Discard()
    {
        DeleteFile();
        _preview = null;
        _result = null;
        _error = null;
        _fileName = null;
    }

    private void DeleteFile()
    {
        UploadFolder.Delete(_path);
        _path = null;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        DeleteFile();
    }
}
