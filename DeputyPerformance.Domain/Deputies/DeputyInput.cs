using DeputyPerformance.Domain.Common;
using FluentValidation;

namespace DeputyPerformance.Domain.Deputies;

/// <summary>What the deputy form collects; Id is null for a new deputy.</summary>
public sealed class DeputyInput
{
    public int? Id { get; set; }
    public int TermId { get; set; }
    public string DeputyNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public Gender Gender { get; set; } = Gender.Unspecified;
    public DeputyLevel Level { get; set; } = DeputyLevel.Town;
    public int TownId { get; set; }
    public int? ElectoralDistrictId { get; set; }
    public int? DelegationId { get; set; }
    public int? LiaisonStationId { get; set; }
    public string? Phone { get; set; }
    public bool IsStateOrganLeader { get; set; }
    public DeputyStatus Status { get; set; } = DeputyStatus.Active;
    public DateOnly? StatusSince { get; set; }
}

public sealed class DeputyValidator : AbstractValidator<DeputyInput>
{
    public DeputyValidator()
    {
        RuleFor(x => x.TermId).GreaterThan(0).WithText("TermRequired");
        RuleFor(x => x.DeputyNumber).NotEmpty().WithText("Deputy_NumberRequired")
            .MaximumLength(30).WithText("Deputy_NumberTooLong")
            .Matches("^[A-Za-z0-9_-]*$").WithText("Deputy_NumberFormat");
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(50).WithText("NameTooLong");
        RuleFor(x => x.Level).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.Gender).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.Status).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.TownId).GreaterThan(0).WithText("TownRequired");
        RuleFor(x => x.Phone).MaximumLength(30).WithText("Deputy_PhoneFormat")
            .Matches(@"^[0-9+\- ]*$").WithText("Deputy_PhoneFormat");
        RuleFor(x => x.StatusSince).NotNull().When(x => x.Status != DeputyStatus.Active).WithText("Deputy_StatusDateRequired");
    }
}
