// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// Pays half of the attached ether to each of two addresses, so one transaction carries two
/// contract-internal ETH transfers that only a trace (not a receipt or log) reveals. An odd wei
/// goes to b.
contract Splitter {
    function split(address payable a, address payable b) external payable {
        uint256 half = msg.value / 2;
        (bool okA, ) = a.call{value: half}("");
        require(okA, "payment to a failed");
        (bool okB, ) = b.call{value: msg.value - half}("");
        require(okB, "payment to b failed");
    }
}
