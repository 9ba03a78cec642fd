// PeerLucene.java — benchmark peer: Lucene 4.10's ArabicAnalyzer over a text file, one article per line.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.Version;

public class PeerLucene {
  public static void main(String[] args) throws Exception {
    byte[] raw = Files.readAllBytes(Paths.get(args[0]));
    String[] lines = new String(raw, StandardCharsets.UTF_8).split("\n");
    ArabicAnalyzer an = new ArabicAnalyzer(Version.LUCENE_4_10_4);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean(); // CPU time of this thread: the machine may be shared
    long t0 = mx.getCurrentThreadCpuTime(), toks = 0, chars = 0;
    for (String line : lines) {
      TokenStream ts = an.tokenStream("body", line);
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) { toks++; chars += term.length(); }
      ts.end();
      ts.close();
    }
    double secs = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
    System.out.printf("words=%d bytes=%d secs=%.6f stemchars=%d%n", toks, raw.length, secs, chars);
    an.close();
  }
}
