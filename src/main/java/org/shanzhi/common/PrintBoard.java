package org.shanzhi.common;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Printable boards for a village's notice board (公开栏) as A4 or A3 PDF: a title, paragraphs, tables with ruled
 * cells (the header repeated on each page) and the signature, in a CJK font embedded as a subset (PDFBox).
 *
 * <p><b>Font</b>: {@code shanzhi.print.font} names a TrueType-outline font file (.ttf or .ttc); when unset, the
 * first of the known system paths that exists is used (Debian's fonts-wqy-zenhei, fonts-wqy-microhei,
 * fonts-arphic-uming, Droid Sans Fallback, Windows' SimHei/SimSun). Fonts with CFF outlines (the Noto CJK .ttc that
 * browsers use) cannot be embedded by PDFBox and are skipped. No usable font: {@link FontMissing} (an error page
 * naming the setting), never a PDF with boxes instead of characters.
 */
@Component
public class PrintBoard {

    private static final Logger log = LoggerFactory.getLogger(PrintBoard.class);
    public static final MediaType PDF = MediaType.APPLICATION_PDF;
    static final List<String> KNOWN_FONTS = List.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/arphic/ukai.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/wqy-zenhei/wqy-zenhei.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc");
    /** Symbols a CJK font may lack (★ of the stars): taken from this font when it is there. */
    static final List<String> SYMBOL_FONTS = List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "C:/Windows/Fonts/seguisym.ttf");
    private static final float MM = 72f / 25.4f;

    /** No CJK TrueType font to embed. */
    public static class FontMissing extends RuntimeException {
        FontMissing(String message) {
            super(message);
        }
    }

    public enum Paper {
        A4(PDRectangle.A4, 1f), A3(PDRectangle.A3, 1.4f);

        final PDRectangle size;
        final float scale;

        Paper(PDRectangle size, float scale) {
            this.size = size;
            this.scale = scale;
        }

        public static Paper of(String name) {
            if ("A4".equalsIgnoreCase(name) || name == null || name.isBlank()) {
                return A4;
            }
            if ("A3".equalsIgnoreCase(name)) {
                return A3;
            }
            throw new InvalidInputException("size", "纸张应为 A4 或 A3 / paper must be A4 or A3");
        }
    }

    /** A ruled table: column headers, relative column widths, rows of cell texts (wrapped inside their cell). */
    public record Table(List<String> headers, float[] widths, List<List<String>> rows) {
    }

    /** What a board shows, top to bottom. */
    public record Board(String title, List<String> paragraphs, List<Table> tables, List<String> signature) {
    }

    private final String configured;
    private volatile Path resolved;

    public PrintBoard(@Value("${shanzhi.print.font:}") String configured) {
        this.configured = configured == null ? "" : configured.trim();
    }

    /** The font file in use (configured, else the first known system path with a usable CJK font). */
    public Path font() {
        Path p = resolved;
        if (p != null) {
            return p;
        }
        List<String> candidates = configured.isEmpty() ? KNOWN_FONTS : List.of(configured);
        for (String c : candidates) {
            Path path = Path.of(c);
            if (Files.isReadable(path)) {
                try {
                    if (withFont(path, f -> f != null)) {
                        resolved = path;
                        log.info("printed boards use the font {}", path);
                        return path;
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("font {} cannot be embedded: {}", path, e.toString());
                }
            }
        }
        throw new FontMissing(configured.isEmpty()
                ? "未找到可嵌入 PDF 的中文字体:请安装 fonts-wqy-zenhei,或以 shanzhi.print.font 指定一个 TrueType 中文字体文件 "
                        + "/ no CJK TrueType font found: install fonts-wqy-zenhei or set shanzhi.print.font to a .ttf/.ttc file"
                : "shanzhi.print.font 指定的字体无法使用(不存在、无中文或为 CFF 轮廓):" + configured
                        + " / the font set in shanzhi.print.font cannot be used (missing, no CJK glyphs or CFF outlines)");
    }

    /** The board as a PDF. */
    public byte[] render(Board board, Paper paper) {
        try {
            AtomicReference<byte[]> out = new AtomicReference<>();
            withFont(font(), ttf -> {
                TrueTypeFont sym = null;
                try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
                    PDType0Font font = PDType0Font.load(doc, ttf, true);
                    Layout layout = new Layout(doc, font, ttf, paper);
                    for (String f : SYMBOL_FONTS) {
                        File file = new File(f);
                        if (file.canRead()) {
                            try {
                                sym = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file));
                                layout.symbols = PDType0Font.load(doc, sym, true);
                                layout.symbolCmap = sym.getUnicodeCmapLookup(false);
                                break;
                            } catch (IOException e) {
                                log.debug("symbol font {} unusable: {}", f, e.toString());
                            }
                        }
                    }
                    layout.board(board);
                    doc.getDocumentInformation().setTitle(board.title());
                    doc.save(bytes);
                    out.set(bytes.toByteArray());
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    if (sym != null) {
                        try {
                            sym.close();
                        } catch (IOException ignored) {
                            // read-only file
                        }
                    }
                }
            });
            return out.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The board as a PDF download (shown in the browser, saved under {@code filename}). */
    public ResponseEntity<byte[]> response(Board board, Paper paper, String filename) {
        return ResponseEntity.ok().contentType(PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(render(board, paper));
    }

    /** Opens the font file and hands its first usable (TrueType-outline, has 公) font to {@code work} while it is open. */
    private static boolean withFont(Path path, java.util.function.Function<TrueTypeFont, Boolean> work) throws IOException {
        File file = path.toFile();
        if (path.toString().toLowerCase().endsWith(".ttc")) {
            try (TrueTypeCollection ttc = new TrueTypeCollection(file)) {
                AtomicReference<TrueTypeFont> pick = new AtomicReference<>();
                ttc.processAllFonts(f -> {
                    if (pick.get() == null && usable(f)) {
                        pick.set(f);
                    }
                });
                return pick.get() != null && work.apply(pick.get());
            }
        }
        try (TrueTypeFont f = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file))) {
            return usable(f) && work.apply(f);
        }
    }

    private static boolean usable(TrueTypeFont f) throws IOException {
        if (f instanceof OpenTypeFont otf && otf.isPostScript()) {
            return false;
        }
        var cmap = f.getUnicodeCmapLookup(false);
        return cmap != null && cmap.getGlyphId('公') > 0 && cmap.getGlyphId('示') > 0;
    }

    /** Writes a board top to bottom, starting a new page when the next line or row does not fit. */
    private static final class Layout {
        final PDDocument doc;
        final PDType0Font font;
        final org.apache.fontbox.ttf.CmapLookup cmap;
        final Paper paper;
        final float left;
        final float right;
        final float top;
        final float bottom;
        PDPageContentStream cs;
        PDType0Font symbols;
        org.apache.fontbox.ttf.CmapLookup symbolCmap;
        float y;

        Layout(PDDocument doc, PDType0Font font, TrueTypeFont ttf, Paper paper) throws IOException {
            this.doc = doc;
            this.font = font;
            this.cmap = ttf.getUnicodeCmapLookup(false);
            this.paper = paper;
            left = 18 * MM;
            right = paper.size.getWidth() - 18 * MM;
            top = paper.size.getHeight() - 20 * MM;
            bottom = 18 * MM;
        }

        void board(Board b) throws IOException {
            newPage();
            float s = paper.scale;
            float titleSize = 20 * s;
            for (String line : wrap(b.title(), titleSize, right - left)) {
                float w = width(line, titleSize);
                text(line, titleSize, left + (right - left - w) / 2, y - titleSize);
                y -= titleSize * 1.4f;
            }
            y -= 6 * MM;
            float body = 12 * s;
            for (String p : b.paragraphs()) {
                for (String line : wrap("\u3000\u3000" + p, body, right - left)) {
                    ensure(body * 1.8f);
                    text(line, body, left, y - body);
                    y -= body * 1.8f;
                }
                y -= body * 0.4f;
            }
            for (Table t : b.tables()) {
                table(t, 11 * s);
            }
            y -= 10 * MM;
            for (String line : b.signature()) {
                ensure(body * 2f);
                text(line, body, right - width(line, body), y - body);
                y -= body * 2f;
            }
            cs.close();
        }

        void table(Table t, float size) throws IOException {
            float total = 0;
            for (float w : t.widths()) {
                total += w;
            }
            float[] cols = new float[t.widths().length];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = (right - left) * t.widths()[i] / total;
            }
            float pad = 2 * MM;
            y -= 4 * MM;
            row(t.headers(), cols, size, pad, true);
            for (List<String> r : t.rows()) {
                if (!row(r, cols, size, pad, false)) {
                    row(t.headers(), cols, size, pad, true);
                    row(r, cols, size, pad, false);
                }
            }
            y -= 4 * MM;
        }

        /** Draws a row; false (nothing drawn, a new page begun) when it does not fit on this page. */
        boolean row(List<String> cells, float[] cols, float size, float pad, boolean header) throws IOException {
            List<List<String>> lines = new ArrayList<>();
            int most = 1;
            for (int i = 0; i < cols.length; i++) {
                List<String> l = wrap(i < cells.size() && cells.get(i) != null ? cells.get(i) : "", size, cols[i] - 2 * pad);
                lines.add(l);
                most = Math.max(most, l.size());
            }
            float lead = size * 1.35f;
            float h = most * lead + 2 * pad;
            if (y - h < bottom && !header) {
                newPage();
                return false;
            }
            if (y - h < bottom) {
                newPage();
            }
            float x = left;
            if (header) {
                cs.setNonStrokingColor(0.9f, 0.9f, 0.9f);
                cs.addRect(left, y - h, right - left, h);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
            }
            cs.setLineWidth(0.6f);
            for (int i = 0; i < cols.length; i++) {
                cs.addRect(x, y - h, cols[i], h);
                cs.stroke();
                float ty = y - pad - size;
                for (String line : lines.get(i)) {
                    text(line, size, x + pad, ty);
                    ty -= lead;
                }
                x += cols[i];
            }
            y -= h;
            return true;
        }

        void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(paper.size);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = top;
        }

        void ensure(float h) throws IOException {
            if (y - h < bottom) {
                newPage();
            }
        }

        void text(String s, float size, float x, float baseline) throws IOException {
            float at = x;
            for (String[] run : runs(s)) {
                PDType0Font f = run[0] == null ? font : symbols;
                cs.beginText();
                cs.setFont(f, size);
                cs.newLineAtOffset(at, baseline);
                cs.showText(run[1]);
                cs.endText();
                at += f.getStringWidth(run[1]) / 1000f * size;
            }
        }

        float width(String s, float size) throws IOException {
            float w = 0;
            for (String[] run : runs(s)) {
                w += (run[0] == null ? font : symbols).getStringWidth(run[1]) / 1000f * size;
            }
            return w;
        }

        /** Runs of the text by font: {null, text} in the CJK font, {"s", text} in the symbol font. */
        List<String[]> runs(String s) throws IOException {
            List<String[]> runs = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            String curFont = null;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String f = cmap.getGlyphId(cp) > 0 || !hasSymbol(cp) ? null : "s";
                if (cur.length() > 0 && !java.util.Objects.equals(f, curFont)) {
                    runs.add(new String[] {curFont, cur.toString()});
                    cur.setLength(0);
                }
                curFont = f;
                cur.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (cur.length() > 0) {
                runs.add(new String[] {curFont, cur.toString()});
            }
            return runs;
        }

        /** Splits text into lines that fit {@code max} points, at any character (Chinese has no word gaps). */
        List<String> wrap(String text, float size, float max) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String para : clean(text).split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                float w = 0;
                for (int i = 0; i < para.length(); ) {
                    int cp = para.codePointAt(i);
                    String ch = new String(Character.toChars(cp));
                    float cw = width(ch, size);
                    if (w + cw > max && line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        w = 0;
                    }
                    line.append(ch);
                    w += cw;
                    i += Character.charCount(cp);
                }
                lines.add(line.toString());
            }
            return lines;
        }

        boolean hasSymbol(int cp) {
            return symbolCmap != null && symbolCmap.getGlyphId(cp) > 0;
        }

        /** Characters the font lacks become '?' (never an exception halfway through a board); tabs and CR go. */
        String clean(String text) {
            StringBuilder b = new StringBuilder();
            text.replace("\r", "").replace('\t', ' ').codePoints().forEach(cp -> {
                if (cp == '\n' || cmap.getGlyphId(cp) > 0 || hasSymbol(cp)) {
                    b.appendCodePoint(cp);
                } else if (cp == '★') {
                    b.append('*');
                } else if (!Character.isISOControl(cp)) {
                    b.append('?');
                }
            });
            return b.toString();
        }
    }
}
