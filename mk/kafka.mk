# mk/kafka.mk - `make demo-kafka`: examples/flights/delays-kafka.sql against
# the dev broker (bin/kafka-dev-broker), Kafka to Kafka; see tests/kafka/demo.sh.
# The test suite is tests/kafka/run.sh (tests/run.sh kafka).

.PHONY: demo-kafka test-kafka
demo-kafka: all data
	tests/kafka/demo.sh

test-kafka: all data
	tests/run.sh kafka
