using System.Text;

namespace HostPanel.Panel.Nginx;

/// <summary>Writes nginx configuration text with four-space indentation per block.</summary>
internal sealed class NginxBlockWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>A directive line; the trailing semicolon is added.</summary>
    public NginxBlockWriter Directive(string line) => Line(line + ";");

    public NginxBlockWriter Comment(string text) => Line("# " + text);

    public NginxBlockWriter Blank()
    {
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>header {</c>, the block's content, then <c>}</c>.</summary>
    public NginxBlockWriter Block(string header, Action<NginxBlockWriter> content)
    {
        Line(header + " {");
        _depth++;
        content(this);
        _depth--;
        return Line("}");
    }

    public override string ToString() => _text.ToString();

    private NginxBlockWriter Line(string line)
    {
        _text.Append(' ', _depth * 4).Append(line).Append('\n');
        return this;
    }
}
