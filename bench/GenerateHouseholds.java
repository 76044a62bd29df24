import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic household/person sheet for the benchmarks, in the import template's columns, over the real
 * village codes of one county. ID numbers are valid (GB 11643) and unique: birth dates and sequence numbers are
 * handed out in order, never drawn.
 *
 * java bench/GenerateHouseholds.java VILLAGES_CSV COUNTY HOUSEHOLDS OUT.csv [SEED]
 */
public class GenerateHouseholds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰春梅海燕红建国文志新荣飞鹏辉宇浩晨阳";

    public static void main(String[] args) throws Exception {
        Path villagesCsv = Path.of(args[0]);
        String county = args[1];
        int households = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Random rnd = new Random(args.length > 4 ? Long.parseLong(args[4]) : 469030L);
        List<String> villages = new ArrayList<>();
        for (String line : Files.readAllLines(villagesCsv)) {
            String code = line.split(",")[0];
            if (code.startsWith(county) && code.length() == 12) {
                villages.add(code);
            }
        }
        LocalDate day = LocalDate.of(1940, 1, 1);
        int seq = 0;
        long persons = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("户编号,行政村代码,村民小组代码,地址,户联系电话,户标签,姓名,性别,出生日期,身份证号,手机号,与户主关系,人员标签\n");
            for (int h = 0; h < households; h++) {
                String village = villages.get(h % villages.size());
                String number = "B" + village + String.format("%07d", h);
                int size = 1 + rnd.nextInt(6); // 1..6, mean 3.5
                String surname = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
                for (int p = 0; p < size; p++) {
                    boolean male = p == 0 ? rnd.nextInt(10) < 8 : rnd.nextBoolean();
                    // next free (birth date, sequence) with the right gender parity
                    seq += 1;
                    if ((seq % 2 == 1) != male) {
                        seq += 1;
                    }
                    if (seq > 998) {
                        seq = male ? 1 : 2;
                        day = day.plusDays(1);
                    }
                    String first17 = county + String.format("%04d%02d%02d%03d", day.getYear(), day.getMonthValue(), day.getDayOfMonth(), seq);
                    String id = first17 + check(first17);
                    String name = (p == 1 ? String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length()))) : surname)
                            + GIVEN.charAt(rnd.nextInt(GIVEN.length())) + (rnd.nextBoolean() ? String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length()))) : "");
                    String relation = p == 0 ? "户主" : p == 1 ? "配偶" : male ? "子" : "女";
                    w.write(number + "," + village + ",," + (p == 0 ? "测试地址" + h + "号" : "") + ",,," + name + "," + (male ? "男" : "女") + ","
                            + day + "," + id + ",," + relation + ",\n");
                    persons++;
                }
            }
        }
        System.out.println(households + " households, " + persons + " persons -> " + out);
    }

    static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
