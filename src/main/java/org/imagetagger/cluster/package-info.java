/**
 * Several servers on one database: each one's membership and heartbeat on the database's clock
 * ({@code ClusterMember}), and limits that hold for all of them together ({@code SharedLimits}: each server
 * holds a fair share of a limit's slots as rows it claimed). Depends on nothing but {@code platform}.
 */
package org.imagetagger.cluster;
