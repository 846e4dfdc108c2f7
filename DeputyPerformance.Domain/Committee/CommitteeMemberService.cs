using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Committee;

public sealed class CommitteeMemberInput : IMasterDataInput
{
    public int? Id { get; set; }
    public int TermId { get; set; }
    public string Name { get; set; } = "";
    public CommitteePosition Position { get; set; } = CommitteePosition.Member;
    public bool IsActive { get; set; } = true;
    /// <summary>The member's sign-in account (user name), optional.</summary>
    public string? UserName { get; set; }
}

public sealed class CommitteeMemberRow
{
    public int Id { get; init; }
    public int TermId { get; init; }
    public string TermName { get; init; } = "";
    public string Name { get; init; } = "";
    public CommitteePosition Position { get; init; }
    public bool IsActive { get; init; }
    public string? UserName { get; init; }
}

public sealed class CommitteeMemberValidator : AbstractValidator<CommitteeMemberInput>
{
    public CommitteeMemberValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(50).WithText("NameTooLong");
        RuleFor(x => x.TermId).GreaterThan(0).WithText("TermRequired");
        RuleFor(x => x.Position).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.UserName).MaximumLength(CommitteeMember.MaxUserNameLength).WithText("NameTooLong");
    }
}

public sealed class CommitteeMemberService(IDbContextFactory<DeputyDbContext> factory, CommitteeMemberValidator validator, ILogger<CommitteeMemberService> logger)
    : MasterDataService<CommitteeMember, CommitteeMemberInput, CommitteeMemberRow>(factory, validator, logger)
{
    protected override string FeatureName => "CommitteeMember";
    protected override string DefaultSort => nameof(CommitteeMemberRow.Position);
    protected override IReadOnlyDictionary<string, Expression<Func<CommitteeMemberRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<CommitteeMemberRow, object?>>>
        {
            [nameof(CommitteeMemberRow.Name)] = r => r.Name,
            [nameof(CommitteeMemberRow.Position)] = r => r.Position,
            [nameof(CommitteeMemberRow.TermName)] = r => r.TermName,
            [nameof(CommitteeMemberRow.IsActive)] = r => r.IsActive,
        };

    protected override IQueryable<CommitteeMember> Visible(DeputyDbContext db, Caller caller) => db.CommitteeMembers;
    protected override Expression<Func<CommitteeMember, CommitteeMemberRow>> ToRow =>
        m => new CommitteeMemberRow { Id = m.Id, TermId = m.TermId, TermName = m.Term!.Name, Name = m.Name, Position = m.Position, IsActive = m.IsActive, UserName = m.UserName };
    protected override Expression<Func<CommitteeMemberRow, bool>> Matches(string search) => r => r.Name.Contains(search);
    protected override Expression<Func<CommitteeMember, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, CommitteeMember entity) => true;
    protected override bool CanWrite(Caller caller, CommitteeMemberInput input) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override bool CanDelete(Caller caller, CommitteeMember entity) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override CommitteeMember Create(CommitteeMemberInput input)
    {
        var member = new CommitteeMember(input.TermId, input.Name.Trim(), input.Position);
        member.Update(input.TermId, input.Name.Trim(), input.Position, input.IsActive);
        member.LinkAccount(input.UserName);
        return member;
    }

    protected override void Apply(CommitteeMember entity, CommitteeMemberInput input)
    {
        entity.Update(input.TermId, input.Name.Trim(), input.Position, input.IsActive);
        entity.LinkAccount(input.UserName);
    }
    protected override CommitteeMemberInput ToInput(CommitteeMember e) =>
        new() { Id = e.Id, TermId = e.TermId, Name = e.Name, Position = e.Position, IsActive = e.IsActive, UserName = e.UserName };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, CommitteeMemberInput input, CancellationToken ct)
    {
        if (!await db.Terms.AnyAsync(t => t.Id == input.TermId, ct))
        {
            throw new DomainException("TermRequired");
        }

        if (string.IsNullOrWhiteSpace(input.UserName)) return;
        var userName = input.UserName.Trim();
        if (!await db.Users.AnyAsync(u => u.UserName == userName, ct)) throw new DomainException("Committee_AccountUnknown", userName);
        if (await db.CommitteeMembers.AnyAsync(m => m.UserName == userName && m.Id != input.Id, ct)) throw new DomainException("Committee_AccountTaken", userName);
    }
}
