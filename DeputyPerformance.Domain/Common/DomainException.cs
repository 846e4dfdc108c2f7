namespace DeputyPerformance.Domain.Common;

/// <summary>A rule of the domain refused the operation; the message is already in the caller's language.</summary>
public class DomainException : Exception
{
    public DomainException(string key, params object?[] args) : base(DomainText.Format(key, args))
    {
        Key = key;
    }

    public string Key { get; }
}

/// <summary>The caller's role or scope does not allow the operation.</summary>
public sealed class AccessDeniedException : DomainException
{
    public AccessDeniedException() : base("AccessDenied")
    {
    }
}

/// <summary>The input broke one or more validation rules; each error is already localized.</summary>
public sealed class InputValidationException : DomainException
{
    public InputValidationException(IReadOnlyList<string> errors) : base("ValidationFailed", string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}

/// <summary>The record asked for does not exist (or the caller may not know that it does).</summary>
public sealed class NotFoundException : DomainException
{
    public NotFoundException() : base("NotFound")
    {
    }
}
