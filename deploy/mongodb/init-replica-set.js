// Run by the compose service mongo-init (as the root user), or by hand:
//   mongosh --host mongo-1 -u "$MONGO_ROOT_USER" -p --authenticationDatabase admin deploy/mongodb/init-replica-set.js
// Three members so that the register keeps accepting writes when one node is down; majority writes survive a failover.
// Safe to run again: it initiates the set and creates the register's user only when they are missing.
try {
  rs.status();
} catch (notInitiated) {
  rs.initiate({
    _id: "rs0",
    members: [
      { _id: 0, host: "mongo-1:27017", priority: 2 },
      { _id: 1, host: "mongo-2:27017", priority: 1 },
      { _id: 2, host: "mongo-3:27017", priority: 1 }
    ]
  });
}
while (!db.hello().isWritablePrimary) {
  sleep(500);
}
const admin = db.getSiblingDB("admin");
if (process.env.MONGO_APP_USER && admin.getUser(process.env.MONGO_APP_USER) === null) {
  admin.createUser({
    user: process.env.MONGO_APP_USER,
    pwd: process.env.MONGO_APP_PASSWORD,
    roles: [{ role: "readWrite", db: "register" }]
  });
}
