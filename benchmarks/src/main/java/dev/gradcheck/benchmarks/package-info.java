/** JMH benchmarks of gradcheck's engine. Not published. */
package dev.gradcheck.benchmarks;
