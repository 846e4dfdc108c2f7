using System.Globalization;
using DeputyPerformance.App.Resources;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DeputyPerformance.App.Components.Pages.Suggestions;

/// <summary>
/// The upload of a suggestions file: read once into memory and previewed (every row checked, nothing written); the
/// Import button, enabled only for a file without errors, sends the same bytes to the all-or-nothing import.
/// </summary>
public partial class SuggestionImport
{
    /// <summary>The largest file the page accepts (configuration Suggestions:MaxUploadBytes).</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    [Inject] private SuggestionImportService Import { get; set; } = default!;
    [Inject] private CallerAccessor Callers { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private MudFileUpload<IBrowserFile>? _upload;
    private byte[]? _content;
    private string? _fileName, _fileError;
    private SuggestionImportResult? _result;
    private bool _busy;

    private long MaxBytes => Configuration.GetValue("Suggestions:MaxUploadBytes", DefaultMaxBytes);

    private double MaxMegabytes => Math.Round(MaxBytes / (1024.0 * 1024.0), 1);

    private async Task FileChosenAsync(IBrowserFile? file)
    {
        if (file is null || _busy) return;
        _busy = true;
        _result = null;
        _content = null;
        _fileError = null;
        _fileName = file.Name;
        try
        {
            if (file.Size > MaxBytes) throw new IOException();
            await using var upload = file.OpenReadStream(maxAllowedSize: MaxBytes);
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, _cts.Token);
            _content = buffer.ToArray();
            _result = await Import.PreviewAsync(await Callers.GetAsync(), _fileName, new MemoryStream(_content), _cts.Token);
            if (!_result.Succeeded) _content = null;
        }
        catch (IOException)
        {
            _content = null;
            _fileError = string.Format(CultureInfo.CurrentCulture, T["ImportTooLarge"], MaxMegabytes);
        }
        catch (DomainException ex)
        {
            _content = null;
            _fileError = ex.Message;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _busy = false;
        }

        if (_upload is not null) await _upload.ClearAsync();
    }

    private async Task ImportAsync()
    {
        if (_content is null || _fileName is null || _busy) return;
        _busy = true;
        try
        {
            _result = await Import.ImportAsync(await Callers.GetAsync(), _fileName, new MemoryStream(_content), _cts.Token);
            if (_result.Written)
            {
                Snackbar.Add(T["Saved"], Severity.Success);
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
