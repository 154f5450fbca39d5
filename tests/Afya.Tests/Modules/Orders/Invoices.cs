using System.Text;
using PdfSharp.Pdf.IO;

namespace Afya.Tests.Modules.Orders;

// Reads an invoice back: it must open as a PDF, and its text (WinAnsi literals) is searched in the page content.
public static class Invoices
{
    public static string Text(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder(document.Info.Title).Append('\n');
        foreach (var page in document.Pages)
            for (var i = 0; i < page.Contents.Elements.Count; i++)
                text.Append(Encoding.Latin1.GetString(page.Contents.Elements.GetDictionary(i)!.Stream.UnfilteredValue));
        return text.ToString();
    }
}
