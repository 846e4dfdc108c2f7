namespace DeputyPerformance.App.Security;

public static class LocalUrls
{
    private static readonly Uri Base = new("http://local.invalid");

    /// <summary>
    /// A redirect target of this site only (an open redirect would let a forged link send a clerk elsewhere), written
    /// in ASCII: "/deputies?q=张三" becomes "/deputies?q=%E5%BC%A0%E4%B8%89", since a response header cannot carry
    /// other characters. Anything else, and anything unreadable, is "/".
    /// </summary>
    public static string Safe(string? url)
    {
        if (url is not { Length: > 0 } || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("/\\", StringComparison.Ordinal) || url.Any(char.IsControl))
        {
            return "/";
        }

        if (!Uri.TryCreate(Base, url, out var uri) || uri.Host != Base.Host || uri.Scheme != Base.Scheme)
        {
            return "/";
        }

        var local = uri.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
        return local.All(char.IsAscii) ? local : "/";
    }
}
