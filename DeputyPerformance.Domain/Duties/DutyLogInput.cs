using DeputyPerformance.Domain.Common;
using FluentValidation;

namespace DeputyPerformance.Domain.Duties;

/// <summary>What the log form collects (a clerk's entry, a deputy's submission or a correction).</summary>
public sealed class DutyLogInput
{
    public int DeputyId { get; set; }
    public DateOnly? Date { get; set; }
    public string CategoryCode { get; set; } = "";
    public int Count { get; set; } = 1;
    public int? LiaisonStationId { get; set; }
    public string? Place { get; set; }
    public string? Description { get; set; }
}

/// <summary>An uploaded evidence file as the page hands it over; the service reads the stream once.</summary>
public sealed record EvidenceUpload(string FileName, Stream Content);

public sealed class DutyLogValidator : AbstractValidator<DutyLogInput>
{
    public DutyLogValidator()
    {
        RuleFor(x => x.DeputyId).GreaterThan(0).WithText("Duty_DeputyRequired");
        RuleFor(x => x.Date).NotNull().WithText("Duty_DateRequired");
        RuleFor(x => x.CategoryCode).Must(DutyCategory.IsKnown).WithText("Duty_CategoryRequired");
        RuleFor(x => x.Count).InclusiveBetween(1, DutyLog.MaxCount)
            .WithMessage(_ => DomainText.Format("Duty_CountRange", DutyLog.MaxCount));
        RuleFor(x => x.Place).MaximumLength(DutyLog.MaxPlaceLength)
            .WithMessage(_ => DomainText.Format("Duty_PlaceTooLong", DutyLog.MaxPlaceLength));
        RuleFor(x => x.Description).MaximumLength(DutyLog.MaxDescriptionLength)
            .WithMessage(_ => DomainText.Format("Duty_DescriptionTooLong", DutyLog.MaxDescriptionLength));
    }
}
