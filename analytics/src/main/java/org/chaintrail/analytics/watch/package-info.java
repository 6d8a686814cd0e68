/**
 * Watchlists: early detection. {@link org.chaintrail.analytics.watch.WatchChecker} traces each
 * watched address forward after an ingest and raises an alert for every new arrival of its funds
 * at a terminal (an exchange's deposit address, a mixer, an OTC desk, a sanctioned party), so an
 * exchange can freeze the account before the money is gone.
 */
package org.chaintrail.analytics.watch;
