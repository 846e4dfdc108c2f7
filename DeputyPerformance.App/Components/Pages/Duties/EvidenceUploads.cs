using DeputyPerformance.Domain.Duties;
using Microsoft.AspNetCore.Components.Forms;

namespace DeputyPerformance.App.Components.Pages.Duties;

/// <summary>Reads the browser's chosen files into memory (each within the evidence size limit) for the domain to check and store.</summary>
public static class EvidenceUploads
{
    public static async Task<List<EvidenceUpload>> ReadAsync(IEnumerable<IBrowserFile> files, long maxBytes)
    {
        var uploads = new List<EvidenceUpload>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: maxBytes + 1);
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            buffer.Position = 0;
            uploads.Add(new EvidenceUpload(file.Name, buffer));
        }

        return uploads;
    }
}
