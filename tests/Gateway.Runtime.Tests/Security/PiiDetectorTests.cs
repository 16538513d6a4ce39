using Gateway.Runtime.Model;
using Gateway.Runtime.Security;

namespace Gateway.Runtime.Tests.Security;

/// <summary>Each PII detector alone, on plain text: what it must catch and what it must let through.</summary>
public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("write to jane.doe+news@example.co.uk today")]
    [InlineData("JOHN_SMITH@Mail.Example.COM")]
    public void Email_Detected(string text) => Assert.Equal(SecurityDetectors.Email, Inspect(PiiDetectors.Email, text));

    [Theory]
    [InlineData("send it @ noon")]
    [InlineData("user@localhost")]
    [InlineData("@mention someone")]
    public void Email_NotDetected(string text) => Assert.Null(Inspect(PiiDetectors.Email, text));

    [Theory]
    [InlineData("call 555-867-5309 now")]
    [InlineData("(555) 867-5309")]
    [InlineData("+1 555.867.5309")]
    [InlineData("ring +44 20 7946 0958 please")]
    [InlineData("text 2125551234")] // ten bare digits in NANP form
    public void Phone_Detected(string text) => Assert.Equal(SecurityDetectors.Phone, Inspect(PiiDetectors.Phone, text));

    [Theory]
    [InlineData("the year 2024 had 365 days")]
    [InlineData("version 1.2.3")]
    [InlineData("order 12345678")]
    [InlineData("id 123456789012")]
    [InlineData("created 1732550400")] // a Unix timestamp: area code cannot start with 1
    [InlineData("ref 5550123456")] // exchange cannot start with 0 or 1
    [InlineData("(055) 867-5309")] // area code cannot start with 0
    public void Phone_NotDetected(string text) => Assert.Null(Inspect(PiiDetectors.Phone, text));

    [Theory]
    [InlineData("card 4111111111111111 exp 12/29")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5500-0000-0000-0004")]
    [InlineData("amex 3782 822463 10005")]
    [InlineData("pay 4111 1111 1111 1111 5 times")]
    public void CreditCard_Detected(string text) => Assert.Equal(SecurityDetectors.CreditCard, Inspect(PiiDetectors.CreditCard, text));

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("order 1234567812345678")] // fails Luhn
    [InlineData("411111111111")] // 12 digits: too short
    [InlineData("41111111111111111111")] // 20 digits: too long
    public void CreditCard_NotDetected_WithoutLuhnOrLength(string text) => Assert.Null(Inspect(PiiDetectors.CreditCard, text));

    [Theory]
    [InlineData("ssn 123-45-6789")]
    [InlineData("078-05-1120.")]
    public void Ssn_Detected(string text) => Assert.Equal(SecurityDetectors.Ssn, Inspect(PiiDetectors.Ssn, text));

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("923-45-6789")]
    [InlineData("123-00-6789")]
    [InlineData("123-45-0000")]
    [InlineData("123456789")]
    [InlineData("2024-11-25")]
    public void Ssn_NotDetected(string text) => Assert.Null(Inspect(PiiDetectors.Ssn, text));

    [Theory]
    [InlineData("connect to 192.168.1.20")]
    [InlineData("10.0.0.1:8080")]
    [InlineData("255.255.255.255")]
    public void Ip_Detected(string text) => Assert.Equal(SecurityDetectors.Ip, Inspect(PiiDetectors.Ip, text));

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("version 1.2.3.4.5")]
    [InlineData("1.2.3")]
    [InlineData("pi is 3.14159")]
    public void Ip_NotDetected(string text) => Assert.Null(Inspect(PiiDetectors.Ip, text));

    [Fact]
    public void DisabledDetector_DoesNotFire()
    {
        var text = "mail a@example.com, card 4111111111111111, ssn 123-45-6789, ip 10.0.0.1, tel 555-867-5309";
        Assert.Null(Inspect(PiiDetectors.None, text));
        Assert.Equal(SecurityDetectors.Ip, Inspect(PiiDetectors.Ip | PiiDetectors.Phone, text));
    }

    [Fact]
    public void MoreSpecificDetector_WinsOverPhone()
    {
        // Ten of a card's digits could read as a phone number; the card is what it is.
        Assert.Equal(SecurityDetectors.CreditCard, Inspect(PiiDetectors.All, "4111111111111111"));
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("4111111111111121", false)]
    [InlineData("0000000000000", true)]
    [InlineData("000000000000", false)] // 12 digits
    public void Luhn_Checksum(string number, bool valid) => Assert.Equal(valid, Luhn.IsValid(number));

    private static string? Inspect(PiiDetectors pii, string text) => new SecurityPipeline(null, pii).Inspect(text);
}
