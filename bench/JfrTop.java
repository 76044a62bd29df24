import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A CPU profile in a few lines (bench/run.sh, W3_JFR=1): the Flight Recorder's execution samples of a recording,
 * counted (1) by the executing frame's package group, (2) by the first application frame (org.shanzhi) on the stack,
 * (3) by the executing method. {@code java bench/JfrTop.java recording.jfr}
 */
public class JfrTop {

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byGroup = new HashMap<>();
        Map<String, Integer> byApp = new HashMap<>();
        Map<String, Integer> byTop = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            byThread.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
            if (frames.isEmpty()) {
                continue;
            }
            String top = name(frames.get(0));
            byTop.merge(top, 1, Integer::sum);
            byGroup.merge(group(top), 1, Integer::sum);
            String app = "(no application frame)";
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("org.shanzhi.")) {
                    app = n;
                    break;
                }
            }
            // the application frame nearest the work, with the group that was executing
            byApp.merge(app + "  [" + group(top) + "]", 1, Integer::sum);
        }
        System.out.println("execution samples: " + total);
        print("by executing code", byGroup, total, 20);
        print("by thread", byThread, total, 10);
        print("by first application frame [executing code]", byApp, total, 30);
        print("by executing method", byTop, total, 25);
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static String group(String n) {
        String[][] groups = {
            {"org.postgresql.", "JDBC driver (pgjdbc)"}, {"com.zaxxer.hikari.", "Hikari pool"},
            {"com.fasterxml.jackson.", "JSON (Jackson)"}, {"tools.jackson.", "JSON (Jackson)"},
            {"org.springframework.security.", "Spring Security"}, {"org.springframework.jdbc.", "Spring JDBC"},
            {"org.springframework.transaction.", "Spring transactions"}, {"org.springframework.web.", "Spring MVC"},
            {"org.springframework.", "Spring (other)"}, {"org.apache.catalina.", "Tomcat"}, {"org.apache.coyote.", "Tomcat"},
            {"org.apache.tomcat.", "Tomcat"}, {"ch.qos.logback.", "logging"}, {"org.slf4j.", "logging"},
            {"org.shanzhi.", "application"}, {"sun.security.", "JDK crypto"}, {"java.security.", "JDK crypto"},
            {"sun.nio.", "JDK I/O"}, {"java.net.", "JDK I/O"}, {"java.io.", "JDK I/O"}, {"sun.net.", "JDK I/O"},
            {"java.lang.invoke.", "JDK reflection"}, {"jdk.internal.reflect.", "JDK reflection"},
            {"java.time.", "JDK time"}, {"java.util.regex.", "JDK regex"}, {"java.util.", "JDK collections"},
            {"java.lang.", "JDK lang"}, {"jdk.", "JDK (other)"}, {"sun.", "JDK (other)"}};
        for (String[] g : groups) {
            if (n.startsWith(g[0])) {
                return g[1];
            }
        }
        return n.contains(".") ? n.substring(0, n.lastIndexOf('.', n.lastIndexOf('.') - 1) + 1) + "*" : n;
    }

    static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println();
        System.out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("%6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
