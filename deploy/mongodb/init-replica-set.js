// mongosh --host mongo-1 deploy/mongodb/init-replica-set.js
// Three members so that the register keeps accepting writes when one node is down; majority writes survive a failover.
rs.initiate({
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo-1:27017", priority: 2 },
    { _id: 1, host: "mongo-2:27017", priority: 1 },
    { _id: 2, host: "mongo-3:27017", priority: 1 }
  ]
});
