package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Filters written as text in tests, one instruction a line, in the usual BPF syntax:
 * {@code ld [4]}, {@code ld #64}, {@code ldx #1}, {@code ld M[0]}, {@code st M[0]}, {@code add #1},
 * {@code and x}, {@code neg}, {@code tax}, {@code txa}, {@code ja 2},
 * {@code jeq #0xc000003e, 1, 0}, {@code jset x, 0, 3}, {@code ret #0x7fff0000}, {@code ret a}.
 * Raw codes can be given as {@code raw 0x94 0 0 5} to write what the kernel refuses.
 */
final class Assembler {

    private Assembler() {}

    static Program program(String text) throws InvalidFilterException {
        return Program.validate(raw(text));
    }

    static List<Instruction.Raw> raw(String text) {
        List<Instruction.Raw> raws = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String trimmed = line.replaceAll(";.*", "").strip().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                raws.add(instruction(trimmed));
            }
        }
        return raws;
    }

    private static Instruction.Raw instruction(String line) {
        String[] words = line.split("[\\s,]+");
        String op = words[0];
        String operand = words.length > 1 ? words[1] : "";
        boolean x = operand.equals("x");
        int k = operand.startsWith("#") ? number(operand.substring(1)) : 0;
        return switch (op) {
            case "raw" -> new Instruction.Raw(number(words[1]), number(words[2]), number(words[3]), number(words[4]));
            case "ld" -> operand.startsWith("[") ? raw(0x20, number(operand.substring(1, operand.length() - 1)))
                    : operand.startsWith("m[") ? raw(0x60, number(operand.substring(2, operand.length() - 1)))
                    : operand.equals("len") ? raw(0x80, 0) : raw(0x00, k);
            case "ldx" -> operand.startsWith("m[") ? raw(0x61, number(operand.substring(2, operand.length() - 1)))
                    : operand.equals("len") ? raw(0x81, 0) : raw(0x01, k);
            case "st" -> raw(0x02, number(operand.substring(2, operand.length() - 1)));
            case "stx" -> raw(0x03, number(operand.substring(2, operand.length() - 1)));
            case "add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "xor", "mod" -> raw(0x04 | alu(op) | (x ? 0x08 : 0), k);
            case "neg" -> raw(0x84, 0);
            case "tax" -> raw(0x07, 0);
            case "txa" -> raw(0x87, 0);
            case "ja" -> raw(0x05, number(operand));
            case "jeq", "jgt", "jge", "jset" -> new Instruction.Raw(0x05 | jump(op) | (x ? 0x08 : 0), number(words[2]), number(words[3]), k);
            case "ret" -> operand.equals("a") ? raw(0x16, 0) : raw(0x06, k);
            default -> throw new IllegalArgumentException("unknown mnemonic: " + line);
        };
    }

    private static Instruction.Raw raw(int code, int k) {
        return new Instruction.Raw(code, 0, 0, k);
    }

    private static int alu(String op) {
        return switch (op) {
            case "add" -> 0x00;
            case "sub" -> 0x10;
            case "mul" -> 0x20;
            case "div" -> 0x30;
            case "or" -> 0x40;
            case "and" -> 0x50;
            case "lsh" -> 0x60;
            case "rsh" -> 0x70;
            case "mod" -> 0x90;
            default -> 0xa0;
        };
    }

    private static int jump(String op) {
        return switch (op) {
            case "jeq" -> 0x10;
            case "jgt" -> 0x20;
            case "jge" -> 0x30;
            default -> 0x40;
        };
    }

    static int number(String text) {
        return text.startsWith("0x") ? (int) Long.parseLong(text.substring(2), 16) : (int) Long.parseLong(text);
    }
}
