package org.shanzhi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.PrintBoard;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The boards to pin on the village's notice board come out as A4 and A3 PDF with the Chinese text in them (extracted
 * with PDFBox) and drawn in a real CJK font (page 1 rendered to target/screenshots/board-*.png to look at).
 */
@IntegrationTest
class PrintBoardTest {

    static final String VILLAGE = "469030202200";
    static final Path SHOTS = Path.of("target", "screenshots");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PrintBoard printBoard;

    Cookie cadre;

    @BeforeEach
    void login() throws Exception {
        cadre = ConsoleLogin.login(mvc, "village_cadre");
    }

    private String board(String url, String name, PDRectangle paper) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).cookie(cadre)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/pdf");
        try (PDDocument doc = Loader.loadPDF(r.getContentAsByteArray())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(paper.getWidth(), org.assertj.core.data.Offset.offset(1f));
            assertThat(doc.getPage(0).getMediaBox().getHeight()).isEqualTo(paper.getHeight(), org.assertj.core.data.Offset.offset(1f));
            Files.createDirectories(SHOTS);
            BufferedImage png = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            ImageIO.write(png, "png", SHOTS.resolve("board-" + name + ".png").toFile());
            // not blank: some dark pixels where the text is
            long dark = 0;
            for (int x = 0; x < png.getWidth(); x += 2) {
                for (int y = 0; y < png.getHeight() / 3; y += 2) {
                    dark += (png.getRGB(x, y) & 0xff) < 100 ? 1 : 0;
                }
            }
            assertThat(dark).as("ink on %s", name).isGreaterThan(200);
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void aNoticeOnA4AndA3() throws Exception {
        long notice = jdbc.queryForObject("select min(id) from notices where village_code = ?", Long.class, VILLAGE);
        String title = jdbc.queryForObject("select title from notices where id = ?", String.class, notice);
        String subject = jdbc.queryForObject("select min(subject) from notice_items where notice_id = ?", String.class, notice);
        String a4 = board("/notices/" + notice + "/print.pdf", "notice-A4", PDRectangle.A4);
        assertThat(a4.replaceAll("\\s", "")).contains(title.replaceAll("\\s", "")).contains("公示期").contains(subject.replaceAll("\\s", ""));
        assertThat(board("/notices/" + notice + "/print.pdf?size=A3", "notice-A3", PDRectangle.A3).replaceAll("\\s", ""))
                .contains(title.replaceAll("\\s", ""));
        assertThat(mvc.perform(get("/notices/" + notice + "/print.pdf?size=B5").cookie(cadre)).andReturn().getResponse().getStatus()).isEqualTo(400);
        // another village's notice is not printed for this cadre
        Long other = jdbc.queryForObject("select min(id) from notices where village_code <> ?", Long.class, VILLAGE);
        if (other != null) {
            assertThat(mvc.perform(get("/notices/" + other + "/print.pdf").cookie(cadre)).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
    }

    @Test
    void theMonthlyRankingWithStarsAndTheRedBlackList() throws Exception {
        String period = jdbc.queryForObject("select max(period_month) from score_events where village_code = ? and status = 'CREDITED'",
                String.class, VILLAGE);
        String ranking = board("/points/rankings/print.pdf?division=" + VILLAGE + "&period=" + period, "ranking-A4", PDRectangle.A4)
                .replaceAll("\\s", "");
        assertThat(ranking).contains("便文村").contains("积分排名").contains("名次").contains("★");
        String label = jdbc.queryForObject("select min(subject_label) from score_events where village_code = ? and period_month = ? "
                + "and status = 'CREDITED' and subject_type = 'HOUSEHOLD'", String.class, VILLAGE, period);
        assertThat(ranking).contains(label.replaceAll("\\s", ""));

        String listPeriod = jdbc.queryForObject("select max(period_key) from points_list_entries where village_code = ? and status = 'PUBLISHED'",
                String.class, VILLAGE);
        String red = jdbc.queryForObject("select min(subject_label) from points_list_entries where village_code = ? and period_key = ? "
                + "and list_type = 'RED' and status = 'PUBLISHED'", String.class, VILLAGE, listPeriod);
        String lists = board("/points/lists/print.pdf?village=" + VILLAGE + "&period=" + listPeriod + "&size=A3", "lists-A3", PDRectangle.A3)
                .replaceAll("\\s", "");
        assertThat(lists).contains("红黑榜").contains("红榜").contains("黑榜").contains(red.replaceAll("\\s", ""));
        // a black-list entry not yet through its privacy check is never printed
        jdbc.query("select subject_label from points_list_entries where village_code = ? and period_key = ? and list_type = 'BLACK' "
                + "and status <> 'PUBLISHED'", rs -> {
                    assertThat(lists).doesNotContain(rs.getString(1).replaceAll("\\s", ""));
                }, VILLAGE, listPeriod);
    }

    @Test
    void withoutAUsableCjkFontTheAnswerSaysWhatToInstall() throws Exception {
        assertThat(printBoard.font().toString()).endsWith(".ttc");
        assertThatThrownBy(() -> new PrintBoard("/nonexistent/font.ttf").font()).isInstanceOf(PrintBoard.FontMissing.class)
                .hasMessageContaining("shanzhi.print.font");
        // the Noto CJK collection browsers use has CFF outlines: PDFBox cannot embed it, so it is refused, not used with boxes
        Path noto = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        if (Files.exists(noto)) {
            assertThatThrownBy(() -> new PrintBoard(noto.toString()).font()).isInstanceOf(PrintBoard.FontMissing.class);
        }
    }
}
