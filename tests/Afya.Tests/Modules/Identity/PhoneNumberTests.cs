using Afya.Api.Platform.Phone;

namespace Afya.Tests.Modules.Identity;

public class PhoneNumberTests
{
    [Theory]
    // Kuwait, as the clinic's seed documents it
    [InlineData("+96551234567", "KW", "+96551234567")]
    [InlineData("96561234567", "KW", "+96561234567")]
    [InlineData("91234567", "KW", "+96591234567")]
    [InlineData("+965 5123 4567", "KE", "+96551234567")]
    [InlineData("51234567", "KE", "+96551234567")]
    // Kenya, as M-Pesa wants it
    [InlineData("0712345678", "KE", "+254712345678")]
    [InlineData("0112345678", "KE", "+254112345678")]
    [InlineData("254712345678", "KE", "+254712345678")]
    [InlineData("+254112345678", "KW", "+254112345678")]
    [InlineData("0712 345 678", "KW", "+254712345678")]
    [InlineData("712345678", "KE", "+254712345678")]
    // Elsewhere, in +CC form
    [InlineData("+919876543210", "KE", "+919876543210")]
    [InlineData("+44 20 7946 0958", "KE", "+442079460958")]
    [InlineData("00919876543210", "KE", "+919876543210")]
    [InlineData("9876543210", "IN", "+919876543210")]
    public void Numbers_normalize_to_E164(string input, string region, string expected) =>
        PhoneNormalizer.Normalize(input, region).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+9655123456")]      // Kuwait, 7 digits
    [InlineData("+96571234567")]     // Kuwait, starts with 7
    [InlineData("41234567")]         // 8 digits, not 5/6/9
    [InlineData("0812345678")]       // Kenya, not 07/01
    [InlineData("07123456789")]      // Kenya, too long
    [InlineData("+2547123456")]      // Kenya, too short
    [InlineData("+1 234")]           // too short anywhere
    [InlineData("+99912345678")]     // no such country
    [InlineData("07x2345678")]
    [InlineData("+254-712-345-678-999-999-999-999-999")]
    [InlineData("whatsapp:+96551234567")]
    public void Bad_numbers_are_refused(string input) =>
        PhoneNormalizer.Normalize(input, "KE").ShouldBeNull();
}
