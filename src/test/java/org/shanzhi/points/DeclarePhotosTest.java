package org.shanzhi.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * A villager declares a good deed with photos (自荐 with evidence), from the mobile form and through the API: the
 * photo is stored and shown (ledger page, cadre inbox) only to who may read the event; a file that is no image or
 * too large refuses the declaration naming the field and saves nothing; a replayed Idempotency-Key makes one event.
 */
@IntegrationTest
class DeclarePhotosTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    AccountPrincipal cadre;
    AccountPrincipal villager;
    AccountPrincipal stranger;
    long household;
    long item;
    long evidenceItem;

    @BeforeEach
    void actors() {
        household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        long other = jdbc.queryForObject("select min(id) from households where village_code <> ? and county_code = '469030'", Long.class, VILLAGE);
        String otherVillage = jdbc.queryForObject("select village_code from households where id = ?", String.class, other);
        cadre = new AccountPrincipal(new Actor(990101, "photo_cadre", "照片干部", "VILLAGE_CADRE", "469030", VILLAGE, null, Set.of(), false),
                "", false, true);
        villager = new AccountPrincipal(new Actor(990102, "photo_villager", "照片村民", "VILLAGER", "469030", VILLAGE, null, Set.of(household),
                false), "", false, true);
        stranger = new AccountPrincipal(new Actor(990103, "photo_stranger", "外村村民", "VILLAGER", "469030", otherVillage, null, Set.of(other),
                false), "", false, true);
        item = jdbc.queryForObject("""
                select min(i.id) from points_items i join points_schemes s on s.id = i.scheme_id where s.owner_code = ?
                and s.status = 'ADOPTED' and i.recorders like '%SELF%' and i.evidence_required = false and i.sign = '+'
                and i.cap_per_period is null""", Long.class, VILLAGE);
        evidenceItem = jdbc.queryForObject("""
                select min(i.id) from points_items i join points_schemes s on s.id = i.scheme_id where s.owner_code = ?
                and s.status = 'ADOPTED' and i.recorders like '%SELF%' and i.evidence_required = true and i.sign = '+'
                and i.cap_per_period is null""", Long.class, VILLAGE);
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(w / 2, h / 2, 0xc0392b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private MockMultipartHttpServletRequestBuilder form(String key, long itemId, MockMultipartFile... photos) {
        MockMultipartHttpServletRequestBuilder b = multipart("/m/points/declare");
        for (MockMultipartFile f : photos) {
            b.file(f);
        }
        b.param("itemId", String.valueOf(itemId)).param("occurredOn", "2026-03-02").param("description", "帮邻居修屋顶 " + key).param("key", key);
        return b;
    }

    private long events(String key) {
        return jdbc.queryForObject("select count(*) from score_events where idempotency_key = ?", Long.class, key);
    }

    @Test
    void aPhotoDeclaredFromTheMobileFormIsStoredAndShownToWhoMayReadTheEvent() throws Exception {
        String key = "photo-form-" + System.nanoTime();
        byte[] png = png(40, 30);
        MvcResult r = mvc.perform(form(key, item, new MockMultipartFile("photos", "a.png", "image/png", png),
                new MockMultipartFile("photos", "", "application/octet-stream", new byte[0])) // an empty second slot
                .with(user(villager)).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/m/points");
        long event = jdbc.queryForObject("select id from score_events where idempotency_key = ?", Long.class, key);
        List<Long> photos = jdbc.queryForList("select id from points_event_photos where event_id = ?", Long.class, event);
        assertThat(photos).hasSize(1);
        String url = "/m/points/events/" + event + "/photos/" + photos.get(0);

        // the villager sees the thumbnail on the pending entry and gets the very bytes back
        String mine = mvc.perform(get("/m/points").with(user(villager))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(mine).contains(url);
        MvcResult photo = mvc.perform(get(url).with(user(villager))).andReturn();
        assertThat(photo.getResponse().getStatus()).isEqualTo(200);
        assertThat(photo.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(photo.getResponse().getContentAsByteArray()).isEqualTo(png);

        // the cadre of the village sees it in the inbox; a villager of another village does not get it
        String inbox = mvc.perform(get("/points/inbox?division=" + VILLAGE + "&status=DECLARED&period=2026-03").with(user(cadre)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(inbox).contains(url);
        assertThat(mvc.perform(get(url).with(user(cadre))).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get(url).with(user(stranger))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/api/v1/points/events/" + event + "/photos/" + photos.get(0)).with(user(stranger)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNoImageOrTooLargeIsRefusedOnTheFormAndNothingIsSaved() throws Exception {
        String key = "photo-bad-" + System.nanoTime();
        // a text file that claims to be a JPEG
        MvcResult r = mvc.perform(form(key, item, new MockMultipartFile("photos", "x.jpg", "image/jpeg", "not a photo".getBytes()))
                .with(user(villager)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("照片应为 JPEG、PNG 或 WebP").contains("帮邻居修屋顶");
        assertThat(events(key)).isZero();

        byte[] big = new byte[EvidencePhoto.MAX_BYTES + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        r = mvc.perform(form(key, item, new MockMultipartFile("photos", "big.jpg", "image/jpeg", big)).with(user(villager)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("每张照片最大 6 MB");
        assertThat(events(key)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from points_event_photos where size_bytes > ?", Long.class, EvidencePhoto.MAX_BYTES))
                .isZero();

        // four photos are one too many
        MockMultipartFile p = new MockMultipartFile("photos", "a.png", "image/png", png(8, 8));
        r = mvc.perform(form(key, item, p, p, p, p).with(user(villager)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("最多 3 张照片");
        assertThat(events(key)).isZero();
    }

    @Test
    void anItemThatNeedsEvidenceTakesAPhotoOrATextButNotNeither() throws Exception {
        String key = "photo-evidence-" + System.nanoTime();
        MvcResult r = mvc.perform(form(key, evidenceItem).with(user(villager)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("该事项需要提供证明");
        assertThat(events(key)).isZero();

        r = mvc.perform(multipart("/api/v1/points/declarations").param("householdId", String.valueOf(household))
                .param("itemId", String.valueOf(evidenceItem)).param("occurredOn", "2026-03-02").param("description", "庭院种养")
                .with(user(villager))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"photos\"");

        r = mvc.perform(form(key, evidenceItem, new MockMultipartFile("photos", "a.webp", "image/webp", webp())).with(user(villager)).with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/m/points");
        assertThat(jdbc.queryForObject("""
                select p.content_type from points_event_photos p join score_events e on e.id = p.event_id where e.idempotency_key = ?""",
                String.class, key)).isEqualTo("image/webp");
    }

    @Test
    void theApiTakesPhotosOnceForOneIdempotencyKeyAndRefusesWrongTypes() throws Exception {
        String key = "photo-api-" + System.nanoTime();
        byte[] png = png(64, 48);
        String first = null;
        for (int i = 0; i < 2; i++) {
            // as the container sees an upload: a part with a file name
            MvcResult r = mvc.perform(apiWithPart(key, png).header("Idempotency-Key", key)
                    .with(user(villager))).andReturn();
            String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(r.getResponse().getStatus()).as(body).isEqualTo(201);
            if (i == 0) {
                first = body;
            } else {
                assertThat(r.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
                assertThat(body).isEqualTo(first);
            }
        }
        assertThat(jdbc.queryForObject("""
                select count(*) from score_events where household_id = ? and description = ?""", Long.class, household, "API 照片 " + key))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select count(*) from points_event_photos p join score_events e on e.id = p.event_id where e.description = ?""",
                Long.class, "API 照片 " + key)).isEqualTo(1);
        assertThat(first).contains("photo:");

        // the same key with another photo is another request: refused, nothing more saved
        MvcResult other = mvc.perform(apiWithPart(key, png(65, 48)).header("Idempotency-Key", key)
                .with(user(villager))).andReturn();
        assertThat(other.getResponse().getStatus()).isEqualTo(422);

        // a GIF (or anything not JPEG/PNG/WebP by its bytes) is refused naming the field
        String key2 = "photo-api-gif-" + System.nanoTime();
        MvcResult gif = mvc.perform(api(key, new MockMultipartFile("photos", "a.png", "image/png", "GIF89a....".getBytes(StandardCharsets.US_ASCII)))
                .header("Idempotency-Key", key2).with(user(villager))).andReturn();
        assertThat(gif.getResponse().getStatus()).isEqualTo(400);
        assertThat(gif.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"photos\"");
        byte[] big = Arrays.copyOf(png, EvidencePhoto.MAX_BYTES + 10);
        MvcResult tooBig = mvc.perform(api(key, new MockMultipartFile("photos", "b.png", "image/png", big)).with(user(villager))).andReturn();
        assertThat(tooBig.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooBig.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"photos\"");
        assertThat(jdbc.queryForObject("select count(*) from score_events where description = ?", Long.class, "API 照片 " + key)).isEqualTo(1);
    }

    private MockMultipartHttpServletRequestBuilder apiWithPart(String key, byte[] photo) {
        MockPart part = new MockPart("photos", "a.png", photo);
        part.getHeaders().setContentType(MediaType.IMAGE_PNG);
        return (MockMultipartHttpServletRequestBuilder) multipart("/api/v1/points/declarations").part(part)
                .param("householdId", String.valueOf(household)).param("itemId", String.valueOf(item)).param("occurredOn", "2026-03-02")
                .param("description", "API 照片 " + key);
    }

    private MockMultipartHttpServletRequestBuilder api(String key, MockMultipartFile photo) {
        return (MockMultipartHttpServletRequestBuilder) multipart("/api/v1/points/declarations").file(photo)
                .param("householdId", String.valueOf(household)).param("itemId", String.valueOf(item)).param("occurredOn", "2026-03-02")
                .param("description", "API 照片 " + key);
    }

    /** A minimal RIFF/WEBP header: enough for the magic-number check (the server does not decode). */
    private static byte[] webp() {
        byte[] b = new byte[32];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        return b;
    }
}
