package org.chaintrail.analytics.clustering;

import java.util.Locale;
import java.util.Objects;
import org.chaintrail.model.ScriptType;

/**
 * The kind of address a script pays, as the change heuristics compare it: a wallet usually
 * spends and receives change on one kind.
 */
public enum ScriptFamily {
    /** Pay to public key hash ({@code 1…}); bare public keys too, whose address is the same. */
    P2PKH,
    /** Pay to script hash ({@code 3…}), nested segwit included: the address does not tell. */
    P2SH,
    /** Segwit v0 key hash ({@code bc1q…}, 42 characters). */
    P2WPKH,
    /** Segwit v0 script hash ({@code bc1q…}, 62 characters). */
    P2WSH,
    /** Taproot ({@code bc1p…}, 62 characters). */
    P2TR,
    /** Anything else: bare multisig, {@code OP_RETURN}, non-standard, anchors, unknown segwit versions. */
    OTHER;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The family in lower case, as evidence shows it: {@code p2wpkh}. */
    public String label() {
        return label;
    }

    /** The family of a script type; {@link ScriptType#PUBKEY} counts as P2PKH, as its address is. */
    public static ScriptFamily of(ScriptType type) {
        return switch (Objects.requireNonNull(type, "type")) {
            case PUBKEY, PUBKEYHASH -> P2PKH;
            case SCRIPTHASH -> P2SH;
            case WITNESS_V0_KEYHASH -> P2WPKH;
            case WITNESS_V0_SCRIPTHASH -> P2WSH;
            case WITNESS_V1_TAPROOT -> P2TR;
            case WITNESS_UNKNOWN, ANCHOR, MULTISIG, NULLDATA, NONSTANDARD -> OTHER;
        };
    }

    /**
     * The family of an address in the canonical form of {@link org.chaintrail.model.BitcoinAddress}
     * (bech32 in lower case), read from its shape alone: the address is not validated again.
     */
    public static ScriptFamily ofAddress(String address) {
        Objects.requireNonNull(address, "address");
        if (address.startsWith("bc1q")) {
            return switch (address.length()) {
                case 42 -> P2WPKH;
                case 62 -> P2WSH;
                default -> OTHER;
            };
        }
        if (address.startsWith("bc1p")) {
            // A 32-byte v1 program is taproot; the 2-byte one is the pay-to-anchor bc1pfeessrawgf.
            return address.length() == 62 ? P2TR : OTHER;
        }
        if (address.startsWith("1")) {
            return P2PKH;
        }
        if (address.startsWith("3")) {
            return P2SH;
        }
        return OTHER;
    }
}
