// Run by the compose service mongo-init (as the root user), or by hand:
//   mongosh --host mongo-1 -u "$MONGO_ROOT_USER" -p --authenticationDatabase admin deploy/mongodb/init-replica-set.js
// Three members so that the register keeps accepting majority writes when one node is down.
// Safe to run again: it initiates the set only when it is not initiated, and brings the roles and users to the state
// below (a changed password in the environment is applied, a role's privileges are reset to this list).
try {
  rs.status();
} catch (status) {
  // Anything but "not initiated" (a wrong password, a member that is down) must fail the run, not initiate a second set.
  if (status.codeName !== "NotYetInitialized") {
    throw status;
  }
  rs.initiate({
    _id: "rs0",
    members: [
      { _id: 0, host: "mongo-1:27017", priority: 2 },
      { _id: 1, host: "mongo-2:27017", priority: 1 },
      { _id: 2, host: "mongo-3:27017", priority: 1 }
    ]
  });
}
// Users created before a primary exists would be refused; bounded so that a set that never elects fails the run and
// mongo-init retries it.
const electionDeadline = Date.now() + 60000;
while (!db.hello().isWritablePrimary) {
  if (Date.now() > electionDeadline) {
    throw new Error("no primary elected within 60 s");
  }
  sleep(500);
}

const admin = db.getSiblingDB("admin");
const register = { db: "register", collection: "" };
// What every register process does: reads, the event store's inserts, the read models' and tokens' updates and
// deletes, and the indexes and collections it creates at start. readWrite would add dropCollection, dropIndex,
// renameCollectionSameDB and convertToCapped on the event store as well.
const commandActions = ["find", "insert", "update", "remove", "createCollection", "createIndex", "listCollections",
  "listIndexes", "collStats", "dbStats", "killCursors"];
// The query side also drops the read-model generations it has rebuilt and retired (ProjectionGenerations), whose names
// change with each generation; MongoDB grants per collection or per database, hence per database.
const queryActions = commandActions.concat(["dropCollection"]);

function ensureRole(name, actions) {
  const privileges = [{ resource: register, actions: actions }];
  if (admin.getRole(name) === null) {
    admin.createRole({ role: name, privileges: privileges, roles: [] });
  } else {
    admin.updateRole(name, { privileges: privileges, roles: [] });
  }
}

function ensureUser(user, password, role) {
  if (!user) {
    return;
  }
  const roles = [{ role: role, db: "admin" }];
  if (admin.getUser(user) === null) {
    admin.createUser({ user: user, pwd: password, roles: roles });
  } else {
    admin.updateUser(user, { pwd: password, roles: roles });
  }
}

ensureRole("registerCommandSide", commandActions);
ensureRole("registerQuerySide", queryActions);
ensureUser(process.env.MONGO_COMMAND_USER, process.env.MONGO_COMMAND_PASSWORD, "registerCommandSide");
ensureUser(process.env.MONGO_QUERY_USER, process.env.MONGO_QUERY_PASSWORD, "registerQuerySide");
