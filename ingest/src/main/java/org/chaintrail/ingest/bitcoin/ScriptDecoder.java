package org.chaintrail.ingest.bitcoin;

import java.util.Arrays;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoOutput;

/**
 * Classifies an output script and finds its address, following the template matching of Bitcoin
 * Core's {@code Solver} (script/solver.cpp) so that the type equals a node's
 * {@code scriptPubKey.type}. Checked in order: P2SH, witness program, {@code OP_RETURN} followed
 * by pushes only, bare public key, P2PKH, bare multisig (m and n as {@code OP_1..OP_16} or as a
 * minimal number push, at most 20 keys), else non-standard.
 *
 * <p>A bare public key (P2PK) gets the P2PKH address of its key bytes as they stand in the script,
 * compressed or not, as block explorers and bitcoin-etl show it. Bare multisig, data and
 * non-standard scripts get {@link BitcoinAddress#scriptId}. Core 28's {@code anchor} (the
 * version 1 program {@code 4e73}) keeps its bech32m address, {@code bc1pfeessrawgf}.
 */
public final class ScriptDecoder {
    private static final int OP_0 = 0x00;
    private static final int OP_PUSHDATA1 = 0x4c;
    private static final int OP_PUSHDATA2 = 0x4d;
    private static final int OP_PUSHDATA4 = 0x4e;
    private static final int OP_1 = 0x51;
    private static final int OP_16 = 0x60;
    private static final int OP_RETURN = 0x6a;
    private static final int OP_DUP = 0x76;
    private static final int OP_EQUAL = 0x87;
    private static final int OP_EQUALVERIFY = 0x88;
    private static final int OP_HASH160 = 0xa9;
    private static final int OP_CHECKSIG = 0xac;
    private static final int OP_CHECKMULTISIG = 0xae;
    private static final int MAX_PUBKEYS_PER_MULTISIG = 20;

    private ScriptDecoder() {
    }

    /**
     * Decodes one output.
     *
     * @param index        the output's position in its transaction
     * @param value        satoshi
     * @param scriptPubKey the output script
     * @return the output with its type and address
     * @throws IllegalArgumentException if the index or value is out of range
     */
    public static UtxoOutput decode(int index, long value, byte[] scriptPubKey) {
        ScriptType type = type(scriptPubKey);
        return new UtxoOutput(index, value, type, address(type, scriptPubKey));
    }

    /** The type Bitcoin Core gives the script. */
    public static ScriptType type(byte[] s) {
        int n = s.length;
        if (n == 23 && u(s, 0) == OP_HASH160 && s[1] == 20 && u(s, 22) == OP_EQUAL) {
            return ScriptType.SCRIPTHASH;
        }
        if (isWitnessProgram(s)) {
            int version = witnessVersion(s);
            int programLength = n - 2;
            if (version == 0 && programLength == 20) {
                return ScriptType.WITNESS_V0_KEYHASH;
            }
            if (version == 0 && programLength == 32) {
                return ScriptType.WITNESS_V0_SCRIPTHASH;
            }
            if (version == 1 && programLength == 32) {
                return ScriptType.WITNESS_V1_TAPROOT;
            }
            if (version == 1 && programLength == 2 && u(s, 2) == 0x4e && u(s, 3) == 0x73) {
                return ScriptType.ANCHOR;
            }
            return version != 0 ? ScriptType.WITNESS_UNKNOWN : ScriptType.NONSTANDARD;
        }
        if (n >= 1 && u(s, 0) == OP_RETURN && isPushOnly(s, 1)) {
            return ScriptType.NULLDATA;
        }
        if ((n == 35 || n == 67) && s[0] == n - 2 && u(s, n - 1) == OP_CHECKSIG && validPubKey(s, 1, n - 2)) {
            return ScriptType.PUBKEY;
        }
        if (n == 25 && u(s, 0) == OP_DUP && u(s, 1) == OP_HASH160 && s[2] == 20
                && u(s, 23) == OP_EQUALVERIFY && u(s, 24) == OP_CHECKSIG) {
            return ScriptType.PUBKEYHASH;
        }
        if (isMultisig(s)) {
            return ScriptType.MULTISIG;
        }
        return ScriptType.NONSTANDARD;
    }

    private static String address(ScriptType type, byte[] s) {
        return switch (type) {
            case PUBKEYHASH -> BitcoinAddress.p2pkh(Arrays.copyOfRange(s, 3, 23));
            case SCRIPTHASH -> BitcoinAddress.p2sh(Arrays.copyOfRange(s, 2, 22));
            case PUBKEY -> BitcoinAddress.p2pkh(Hashes.hash160(s, 1, s.length - 2));
            case WITNESS_V0_KEYHASH, WITNESS_V0_SCRIPTHASH, WITNESS_V1_TAPROOT, WITNESS_UNKNOWN, ANCHOR ->
                    BitcoinAddress.segwit(witnessVersion(s), Arrays.copyOfRange(s, 2, s.length));
            case MULTISIG, NULLDATA, NONSTANDARD -> BitcoinAddress.scriptId(s);
        };
    }

    private static boolean isWitnessProgram(byte[] s) {
        int n = s.length;
        if (n < 4 || n > 42) {
            return false;
        }
        int first = u(s, 0);
        return (first == OP_0 || first >= OP_1 && first <= OP_16) && s[1] + 2 == n;
    }

    private static int witnessVersion(byte[] s) {
        return s[0] == OP_0 ? 0 : u(s, 0) - OP_1 + 1;
    }

    /** Whether every operation from {@code from} on is a push or a small number, as Core's IsPushOnly. */
    private static boolean isPushOnly(byte[] s, int from) {
        int at = from;
        while (at < s.length) {
            int opcode = u(s, at);
            if (opcode > OP_16) {
                return false;
            }
            at = skipOp(s, at);
            if (at < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Core's MatchMultisig: m, then pushes of keys of a valid size, then n equal to their count and
     * not below m, then {@code OP_CHECKMULTISIG} as the last byte.
     */
    private static boolean isMultisig(byte[] s) {
        int n = s.length;
        if (n < 1 || u(s, n - 1) != OP_CHECKMULTISIG) {
            return false;
        }
        int at = 0;
        int required = scriptNumber(s, at, 1);
        if (required < 0) {
            return false;
        }
        at = skipOp(s, at);
        int keys = 0;
        while (at >= 0 && at < n) {
            int opcode = u(s, at);
            int next = skipOp(s, at);
            if (next < 0 || opcode > OP_PUSHDATA4 || !validPubKey(s, dataStart(s, at), next - dataStart(s, at))) {
                break;
            }
            keys++;
            at = next;
        }
        if (at < 0 || at >= n) {
            return false;
        }
        int count = scriptNumber(s, at, required);
        return count >= 0 && count == keys && skipOp(s, at) == n - 1;
    }

    /**
     * The number an operation stands for if it is {@code OP_1..OP_16} or a minimal push of a
     * minimally encoded number, within {@code min..20}; else -1.
     */
    private static int scriptNumber(byte[] s, int at, int min) {
        int opcode = u(s, at);
        int count;
        if (opcode >= OP_1 && opcode <= OP_16) {
            count = opcode - OP_1 + 1;
        } else if (opcode <= OP_PUSHDATA4) {
            int end = skipOp(s, at);
            if (end < 0) {
                return -1;
            }
            int start = dataStart(s, at);
            int length = end - start;
            if (!minimalPush(s, opcode, start, length) || length > 4) {
                return -1;
            }
            if (length > 0 && (s[end - 1] & 0x7f) == 0 && (length == 1 || (s[end - 2] & 0x80) == 0)) {
                return -1; // not minimally encoded
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                value |= (long) (s[start + i] & 0xff) << (8 * i);
            }
            if (length > 0 && (s[end - 1] & 0x80) != 0) {
                value = -(value & ~(0x80L << (8 * (length - 1))));
            }
            count = (int) value;
        } else {
            return -1;
        }
        return count >= min && count <= MAX_PUBKEYS_PER_MULTISIG ? count : -1;
    }

    private static boolean minimalPush(byte[] s, int opcode, int start, int length) {
        if (length == 0) {
            return opcode == OP_0;
        }
        if (length == 1 && (s[start] & 0xff) >= 1 && (s[start] & 0xff) <= 16) {
            return false; // should have been OP_1..OP_16
        }
        if (length == 1 && (s[start] & 0xff) == 0x81) {
            return false; // should have been OP_1NEGATE
        }
        if (length <= 75) {
            return opcode == length;
        }
        if (length <= 255) {
            return opcode == OP_PUSHDATA1;
        }
        if (length <= 65535) {
            return opcode == OP_PUSHDATA2;
        }
        return true;
    }

    /** Core's CPubKey::ValidSize: the header byte fixes the length, 33 or 65. */
    private static boolean validPubKey(byte[] s, int start, int length) {
        if (length < 1) {
            return false;
        }
        int header = u(s, start);
        if (header == 2 || header == 3) {
            return length == 33;
        }
        if (header == 4 || header == 6 || header == 7) {
            return length == 65;
        }
        return false;
    }

    /** Where the operation at {@code at} ends, or -1 if its push runs past the script. */
    private static int skipOp(byte[] s, int at) {
        int opcode = u(s, at);
        int start = dataStart(s, at);
        if (start < 0) {
            return -1;
        }
        long length;
        if (opcode < OP_PUSHDATA1) {
            length = opcode;
        } else if (opcode == OP_PUSHDATA1) {
            length = u(s, at + 1);
        } else if (opcode == OP_PUSHDATA2) {
            length = u(s, at + 1) | u(s, at + 2) << 8;
        } else if (opcode == OP_PUSHDATA4) {
            length = (u(s, at + 1) | u(s, at + 2) << 8 | u(s, at + 3) << 16 | (long) u(s, at + 4) << 24);
        } else {
            return at + 1;
        }
        long end = start + length;
        return end > s.length ? -1 : (int) end;
    }

    /** Where the data of the push at {@code at} starts (after its length bytes), or -1 if they run out. */
    private static int dataStart(byte[] s, int at) {
        int opcode = u(s, at);
        int start = switch (opcode) {
            case OP_PUSHDATA1 -> at + 2;
            case OP_PUSHDATA2 -> at + 3;
            case OP_PUSHDATA4 -> at + 5;
            default -> at + 1;
        };
        return start > s.length ? -1 : start;
    }

    private static int u(byte[] s, int i) {
        return s[i] & 0xff;
    }
}
