package org.chaintrail.model;

import java.util.Locale;

/**
 * The kind of an output script, named as Bitcoin Core's {@code scriptPubKey.type} names it (and
 * bitcoin-etl after it), so that the stored text compares directly with a node's answer.
 */
public enum ScriptType {
    /** Bare public key; its address is the P2PKH address of the key, as explorers show it. */
    PUBKEY("pubkey"),
    PUBKEYHASH("pubkeyhash"),
    SCRIPTHASH("scripthash"),
    WITNESS_V0_KEYHASH("witness_v0_keyhash"),
    WITNESS_V0_SCRIPTHASH("witness_v0_scripthash"),
    WITNESS_V1_TAPROOT("witness_v1_taproot"),
    /** A segwit version or program length with no standard meaning yet; still has a bech32m address. */
    WITNESS_UNKNOWN("witness_unknown"),
    /** Core 28's pay-to-anchor: the version 1 program {@code 4e73}, spendable by anyone to bump a fee. */
    ANCHOR("anchor"),
    /** Bare m-of-n multisig: no address of its own, so a script identifier. */
    MULTISIG("multisig"),
    /** {@code OP_RETURN} data: unspendable. */
    NULLDATA("nulldata"),
    NONSTANDARD("nonstandard");

    private final String coreName;

    ScriptType(String coreName) {
        this.coreName = coreName;
    }

    /** Bitcoin Core's name for the type. */
    public String coreName() {
        return coreName;
    }

    /** Whether outputs of this type pay a standard address rather than a script identifier. */
    public boolean hasStandardAddress() {
        return switch (this) {
            case MULTISIG, NULLDATA, NONSTANDARD -> false;
            default -> true;
        };
    }

    /**
     * Finds a type by Bitcoin Core's name.
     *
     * @throws IllegalArgumentException if the name is not one of Core's types
     */
    public static ScriptType ofCoreName(String name) {
        for (ScriptType type : values()) {
            if (type.coreName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown script type '" + name + "'");
    }
}
