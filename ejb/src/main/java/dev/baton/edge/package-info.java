/**
 * The edge's switching (the "MUPS" role): every message a bank sends goes to the processing node
 * its route names, over that node's link; what the nodes send back is written on the banks'
 * sessions. The edge also guarantees one answer per acquirer request: a request whose node does
 * not answer by its deadline is declined here (RC 91), and the node's late answer is refused.
 * {@link dev.baton.edge.EdgeEngine} is plain Java; {@link dev.baton.edge.EdgeSwitch} runs it in the
 * server and {@link dev.baton.edge.EdgeTraffic} receives from the resource adapter.
 */
package dev.baton.edge;
