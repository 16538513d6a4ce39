using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Errors;

/// <summary>
/// Headers an error answer carries besides its body (a gateway key's 429: <c>Retry-After</c> and
/// <c>x-ratelimit-*</c>, SPEC §11). An interface so that the error writer does not depend on who sets them.
/// </summary>
internal interface IErrorHeaders
{
    void Apply(IHeaderDictionary headers);
}
